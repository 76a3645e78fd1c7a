import { describe, expect, it } from 'vitest';
import { feedIntervalMs } from '../../src/config/config-schema.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

function problemsOf(env: Record<string, string>): { path: string; message: string }[] {
  try {
    loadConfig(env, { yamlText: '' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('loadConfig did not throw');
}

describe('feed, retention and Discord admin settings', () => {
  it('has safe defaults: private feed targets refused, 10 min interval, 180 days kept', () => {
    const c = loadConfig({}, { yamlText: '' });
    expect(c.feeds).toEqual({ file: 'config/feeds.yaml', interval: '10m', allowPrivate: false, maxFailures: 10 });
    expect(feedIntervalMs(c)).toBe(600_000);
    expect(c.retentionDays).toBe(180);
  });

  it('reads the environment', () => {
    const c = loadConfig(
      { NEWSDESK_FEEDS: 'x/feeds.yaml', NEWSDESK_FEED_INTERVAL: '30s', NEWSDESK_ALLOW_PRIVATE_FEEDS: '1', NEWSDESK_RETENTION_DAYS: '30', NEWSDESK_FEED_MAX_FAILURES: '3' },
      { yamlText: '' },
    );
    expect(c.feeds).toEqual({ file: 'x/feeds.yaml', interval: '30s', allowPrivate: true, maxFailures: 3 });
    expect(feedIntervalMs(c)).toBe(30_000);
    expect(c.retentionDays).toBe(30);
    expect(loadConfig({ NEWSDESK_ALLOW_PRIVATE_FEEDS: 'no' }, { yamlText: '' }).feeds.allowPrivate).toBe(false);
  });

  it('lists every problem: an interval under 10 s, a negative retention, role names instead of ids', () => {
    const problems = problemsOf({ NEWSDESK_FEED_INTERVAL: '5s', NEWSDESK_RETENTION_DAYS: '-1', DISCORD_ADMIN_ROLES: 'Moderators,123456789012345678' });
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('feeds.interval (NEWSDESK_FEED_INTERVAL)');
    expect(paths).toContain('retentionDays (NEWSDESK_RETENTION_DAYS)');
    expect(paths.some((p) => p.startsWith('discord.adminRoles'))).toBe(true);
    expect(problems.find((p) => p.path.startsWith('discord'))?.message).toMatch(/role ids/);
    expect(problems.find((p) => p.path.startsWith('feeds'))?.message).toMatch(/too often/);
  });
});
