import { describe, expect, it } from 'vitest';
import { rateLimitsOf } from '../../src/config/config-schema.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

function problemsOf(env: Record<string, string>, yamlText = ''): { path: string; message: string }[] {
  try {
    loadConfig(env, { yamlText });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('loadConfig did not throw');
}

describe('NEWSDESK_TIMEZONE', () => {
  it('accepts an IANA zone in any case and stores its canonical spelling', () => {
    expect(loadConfig({ NEWSDESK_TIMEZONE: 'america/bogota' }, { yamlText: '' }).digest.defaultTimezone).toBe('America/Bogota');
  });

  it('refuses an abbreviation with a suggestion, listed together with every other problem', () => {
    const problems = problemsOf({ NEWSDESK_TIMEZONE: 'EST', PORT: 'eighty', NEWSDESK_RATE_LIMIT_USER: '0' });
    expect(problems.map((p) => p.path).sort()).toEqual(['commands.rateLimit.perUser.limit (NEWSDESK_RATE_LIMIT_USER)', 'digest.defaultTimezone (NEWSDESK_TIMEZONE)', 'port (PORT)']);
    expect(problems.find((p) => p.path.startsWith('digest'))?.message).toMatch(/abbreviation.*Did you mean America\/New_York/);
  });

  it('refuses a zone nobody knows, from YAML too', () => {
    const problems = problemsOf({}, 'digest:\n  defaultTimezone: Mars/Olympus_Mons\n');
    expect(problems).toEqual([{ path: 'digest.defaultTimezone (NEWSDESK_TIMEZONE)', message: expect.stringMatching(/not an IANA time zone/) }]);
  });
});

describe('command rate limits', () => {
  it('default to 10 per person and 30 per channel every 30 s', () => {
    expect(rateLimitsOf(loadConfig({}, { yamlText: '' }))).toEqual({ perUser: { limit: 10, windowMs: 30_000 }, perChannel: { limit: 30, windowMs: 30_000 } });
  });

  it('are configurable from YAML and the environment', () => {
    const c = loadConfig({ NEWSDESK_RATE_LIMIT_CHANNEL: '50' }, { yamlText: 'commands:\n  rateLimit:\n    perUser: { limit: 4, windowSeconds: 10 }\n' });
    expect(rateLimitsOf(c)).toEqual({ perUser: { limit: 4, windowMs: 10_000 }, perChannel: { limit: 50, windowMs: 30_000 } });
  });
});
