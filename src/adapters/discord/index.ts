/**
 * Public surface of the Discord adapter. The composition root imports only
 * from here; nothing outside src/adapters/discord may import discord.js,
 * @discordjs/* or discord-api-types.
 */
export { createDiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.js';
export type { DiscordAdapterLogger } from './gateway-interactions.js';
export { encodeDiscordAddress, decodeDiscordAddress } from './discord-commands.js';
export { isDiscordAdmin } from './admin-check.js';
export { renderEmbeds, type DiscordMessagePayload } from './render-embeds.js';
export { buildCommandManifest } from './command-manifest.js';
export { DEFAULT_DEFER_AFTER_MS } from './respond-in-time.js';
export { createDiscordInteractionsHandler, type DiscordInteractionsHandler, type DiscordInteractionsOptions } from './interactions-endpoint.js';
