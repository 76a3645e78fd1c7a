/**
 * Public surface of the Slack adapter. The composition root imports only
 * from here; nothing outside src/adapters/slack may import @slack/*.
 */
export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './slack-adapter.js';
export { slackTransport, type SlackExtraRoute, type SlackAdapterLogger } from './slack-app.js';
export { encodeSlackAddress, decodeSlackAddress } from './slack-commands.js';
export { renderBlocks } from './render-blocks.js';
export { buildSlackManifest, type SlackManifestOptions } from './slack-manifest.js';
