import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { CommandRouter, PlatformAdapter } from '../../../src/core/adapter.js';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { makeReply } from '../../../src/core/reply.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/fake-discord.js';

/**
 * Several replicas: commands come through the HTTP interactions endpoint behind the load balancer,
 * and no replica holds a gateway session (DISCORD_GATEWAY=false) — yet every replica can post the
 * digest slots it claims, through REST.
 */
const router: CommandRouter = { specs: () => [], run: async () => makeReply({ title: 'x', sections: [] }), complete: () => [] };
let fake: FakeDiscord | undefined;
let adapter: PlatformAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = fake = undefined;
});

const PUBLIC_KEY = 'a'.repeat(64);

describe('Discord without a gateway connection (replicas behind the interactions endpoint)', () => {
  it('starts without touching the gateway and posts digests through REST', async () => {
    fake = await startFakeDiscord();
    adapter = createDiscordAdapter({
      config: { token: 'fake.bot.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: [], gateway: false },
      router, commandPrefix: '', rest: { retries: 0, timeout: 2000 },
    });
    await adapter.start();
    await adapter.post('discord:777:888', makeReply({ title: 'Morning digest', sections: [], visibility: 'channel' }));
    expect(fake.requests.filter((r) => r.path === '/api/v10/channels/888/messages')).toHaveLength(1);
    // No replica asked for a gateway session: none competes for interactions or must be failed over.
    expect(fake.requests.some((r) => r.path.endsWith('/gateway/bot'))).toBe(false);
    expect(fake.requests.find((r) => r.path === '/api/v10/channels/888/messages')?.authorization).toBe('Bot fake.bot.token');
  });

  it('reads DISCORD_GATEWAY from the environment (default on) and refuses it off without the interactions endpoint', () => {
    const base = { DISCORD_TOKEN: 'x.y.z', DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadConfig(base).discord.gateway).toBe(true);
    expect(loadConfig({ ...base, DISCORD_GATEWAY: 'false', DISCORD_PUBLIC_KEY: PUBLIC_KEY }).discord.gateway).toBe(false);
    expect(() => loadConfig({ ...base, DISCORD_GATEWAY: 'false' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, DISCORD_GATEWAY: 'false' })).toThrow(/DISCORD_PUBLIC_KEY/);
  });
});
