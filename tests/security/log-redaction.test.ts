import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact, REDACTED } from '../../src/app/logger.js';

/** Structured logs must never carry a token or secret, wherever it hides. */

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const logger = createLogger(level, stream, () => new Date('2026-03-02T14:00:00Z'));
  const lines = () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw: () => chunks.join(''), lines };
}

const SECRETS = {
  bot: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  user: 'xoxp-1111-2222-3333-abcdef',
  app: 'xapp-1-A0123-456789-abcdef0123456789',
  discord: 'MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  signing: '8f742231b10e8888abcd99yyyzzz85a5',
  password: 'correct horse battery staple',
};

describe('log redaction', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = capture();
    logger.info('corpus ready', { articles: 2 });
    expect(lines()).toEqual([expect.objectContaining({ level: 'info', time: '2026-03-02T14:00:00.000Z', msg: 'corpus ready', articles: 2 })]);
  });

  it('respects the level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines().map((l) => l.msg)).toEqual(['w', 'e']);
    const silent = capture('silent');
    silent.logger.error('nothing');
    expect(silent.raw()).toBe('');
  });

  it('never writes a secret: by key at any depth, by shape in messages, errors and URLs', () => {
    const { logger, raw } = capture();
    logger.info(`starting with ${SECRETS.bot} and ${SECRETS.discord}`, {
      config: { slack: { botToken: SECRETS.bot, appToken: SECRETS.app, signingSecret: SECRETS.signing }, discord: { token: SECRETS.discord }, db: { password: SECRETS.password } },
      headers: { Authorization: `Bearer ${SECRETS.user}`, authorization: `Bot ${SECRETS.discord}` },
      SLACK_SIGNING_SECRET: SECRETS.signing,
      apiKey: SECRETS.password,
      list: [{ token: SECRETS.bot }, `url?token=${SECRETS.user}`],
    });
    logger.error('slack call failed', { error: new Error(`invalid_auth for ${SECRETS.bot}`), note: `key ${SECRETS.app}` });
    logger.warn('header seen', { line: `Authorization: Bearer ${SECRETS.password.replace(/ /g, '')}` });
    const out = raw();
    for (const [name, secret] of Object.entries(SECRETS)) expect(out, name).not.toContain(secret);
    expect(out).not.toContain('correcthorsebatterystaple');
    expect(out).toContain(REDACTED);
    // Useful context survives.
    expect(out).toContain('invalid_auth for');
    expect(out).toContain('slack call failed');
  });

  it('copes with cycles and leaves ordinary keys alone', () => {
    const a: Record<string, unknown> = { tokens: 12, name: 'x' };
    a.self = a;
    expect(redact(a)).toEqual({ tokens: 12, name: 'x', self: '[circular]' });
  });
});
