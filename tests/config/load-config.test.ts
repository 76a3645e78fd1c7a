import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, enabledPlatforms, loadConfig } from '../../src/config/load-config.js';

/** Run loadConfig and return the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: Record<string, string | undefined>, yamlText = ''): ConfigError {
  try {
    loadConfig(env, { yamlText });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('loadConfig did not throw');
}

describe('loadConfig', () => {
  it('gives defaults for an empty environment and empty YAML', () => {
    const c = loadConfig({}, { yamlText: '' });
    expect(c.db).toBe('data/newsdesk.db');
    expect(c.corpus).toBe('seeds');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.logLevel).toBe('info');
    expect(c.commands.prefix).toBe('');
    expect(c.digest).toEqual({ graceMinutes: 120, defaultTimezone: 'UTC', maxStories: 5 });
    expect(c.slack.botToken).toBeUndefined();
    expect(c.discord.token).toBeUndefined();
    expect(enabledPlatforms(c)).toEqual({ slack: false, discord: false });
  });

  it('a missing YAML file means defaults', () => {
    const c = loadConfig({}, { file: join(tmpdir(), 'definitely-missing-newsdesk.yaml') });
    expect(c.port).toBe(3000);
  });

  it('reads YAML values, and environment variables override them', () => {
    const yaml = 'port: 4000\nlogLevel: warn\ndb: from-yaml.db\ndigest:\n  maxStories: 7\n';
    const c = loadConfig({ PORT: '5000', NEWSDESK_DB: '/tmp/env.db', NEWSDESK_DIGEST_GRACE_MINUTES: '30' }, { yamlText: yaml });
    expect(c.port).toBe(5000);
    expect(c.db).toBe('/tmp/env.db');
    expect(c.logLevel).toBe('warn');
    expect(c.digest.maxStories).toBe(7);
    expect(c.digest.graceMinutes).toBe(30);
  });

  it('reads a YAML file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
    try {
      const file = join(dir, 'settings.yaml');
      writeFileSync(file, 'corpus: my-articles\ncommands:\n  prefix: nd-\n');
      const c = loadConfig({}, { file });
      expect(c.corpus).toBe('my-articles');
      expect(c.commands.prefix).toBe('nd-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits list variables and enables platforms with complete credentials', () => {
    const c = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sekrit', SLACK_ADMIN_USERS: 'U1, U2,,', DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789' },
      { yamlText: '' },
    );
    expect(c.slack.adminUsers).toEqual(['U1', 'U2']);
    expect(enabledPlatforms(c)).toEqual({ slack: true, discord: true });
  });

  it('ignores blank environment variables', () => {
    expect(loadConfig({ PORT: '  ', LOG_LEVEL: '' }, { yamlText: '' }).port).toBe(3000);
  });

  it('lists every problem at once, each with its path and environment variable', () => {
    const err = configError(
      { PORT: 'abc', LOG_LEVEL: 'loud', SLACK_API_URL: 'not a url', NEWSDESK_COMMAND_PREFIX: 'Bad Prefix!', DISCORD_TOKEN: 'tok' },
      'digest:\n  maxStories: 99\nhost: 0.0.0.0\n',
    );
    expect(err.code).toBe('config_invalid');
    const paths = err.problems.map((p) => p.path);
    expect(paths).toContain('port (PORT)');
    expect(paths).toContain('logLevel (LOG_LEVEL)');
    expect(paths).toContain('slack.apiUrl (SLACK_API_URL)');
    expect(paths).toContain('commands.prefix (NEWSDESK_COMMAND_PREFIX)');
    expect(paths).toContain('discord.applicationId (DISCORD_APPLICATION_ID)');
    expect(paths.some((p) => p.startsWith('digest.maxStories'))).toBe(true);
    expect(err.problems.length).toBeGreaterThanOrEqual(6);
    for (const p of err.problems) expect(p.message.length).toBeGreaterThan(0);
    // The message names every problem, so an operator can fix them all in one go.
    expect(err.message).toMatch(/6 problems|[7-9] problems/);
    for (const name of ['PORT', 'LOG_LEVEL', 'SLACK_API_URL', 'NEWSDESK_COMMAND_PREFIX', 'DISCORD_APPLICATION_ID', 'digest.maxStories']) {
      expect(err.message).toContain(name);
    }
  });

  it('checks Slack settings as a whole', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'wrong-token' });
    const paths = err.problems.map((p) => p.path);
    expect(paths).toContain('slack.botToken (SLACK_BOT_TOKEN)');
    expect(paths).toContain('slack.signingSecret (SLACK_SIGNING_SECRET)');
  });

  it('reports YAML that does not parse, together with environment problems', () => {
    const err = configError({ PORT: '99999' }, 'port: [1, 2\nhost: :::\n');
    expect(err.problems.some((p) => /not valid YAML/.test(p.message))).toBe(true);
    expect(err.problems.map((p) => p.path)).toContain('port (PORT)');
  });

  it('reports YAML that is not a mapping', () => {
    const err = configError({}, '- just\n- a list\n');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0].message).toMatch(/mapping/);
  });
});
