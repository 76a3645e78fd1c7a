import { describe, expect, it } from 'vitest';
import { BOT_WATCH_MS, coreOptions } from '../../src/app/compose.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/load-config.js';

const logger = createLogger('silent', process.stderr);
const env = {
  NEWSDESK_DB: '/var/lib/newsdesk/desk.db',
  NEWSDESK_DATABASE_URL: 'postgres://desk:secret@db.internal:5432/desk',
  NEWSDESK_RETENTION_DAYS: '30',
};

describe('coreOptions: one wiring for the bot and the CLI', () => {
  it('gives the CLI the same shared database as the bot, so `newsdesk ingest` writes where the replicas read', () => {
    const config = loadConfig(env);
    const bot = coreOptions(config, { kind: 'bot' }, logger);
    const ingest = coreOptions(config, { kind: 'cli', command: 'ingest' }, logger);
    expect(ingest.databaseUrl).toBe('postgres://desk:secret@db.internal:5432/desk');
    expect(ingest.databaseUrl).toBe(bot.databaseUrl);
    expect(ingest.dbPath).toBe(bot.dbPath);
    expect(ingest.retentionDays).toBe(30);
    expect(ingest.analysisVersion).toBe(bot.analysisVersion);
  });

  it('runs the bot in background mode, following other processes, with feeds and channel seeding', () => {
    const bot = coreOptions(loadConfig(env), { kind: 'bot' }, logger);
    expect(bot.background).toBe(true);
    expect(bot.watchMs).toBe(BOT_WATCH_MS);
    expect(BOT_WATCH_MS).toBeLessThanOrEqual(1000); // new articles visible within about a second plus indexing
    expect(bot.feeds?.userAgent).toMatch(/^newsdesk\//);
    expect(bot.corpusDir).toBeTruthy();
  });

  it('does not ingest the corpus folder when the command is ingest or feeds (they name what they add)', () => {
    const config = loadConfig(env);
    expect(coreOptions(config, { kind: 'cli', command: 'ingest' }, logger).corpusDir).toBeNull();
    expect(coreOptions(config, { kind: 'cli', command: 'feeds' }, logger).corpusDir).toBeNull();
    expect(coreOptions(config, { kind: 'cli', command: 'brief' }, logger).corpusDir).toBe(config.corpus);
  });

  it('answers `--corpus DIR` from that folder alone, in memory, never touching the shared database', () => {
    const adHoc = coreOptions(loadConfig(env), { kind: 'cli', command: 'brief', corpusDir: '/tmp/some-folder' }, logger);
    expect(adHoc.dbPath).toBe(':memory:');
    expect(adHoc.databaseUrl).toBeNull();
    expect(adHoc.corpusDir).toBe('/tmp/some-folder');
  });
});

describe('storageLabel', () => {
  it('names the PostgreSQL server and database without the credentials, or the SQLite file', async () => {
    const { storageLabel } = await import('../../src/cli/run-cli.js');
    expect(storageLabel({ db: 'data/newsdesk.db', databaseUrl: 'postgres://desk:s3cret@db.internal:5432/desk' })).toBe('PostgreSQL db.internal:5432/desk');
    expect(storageLabel({ db: 'data/newsdesk.db', databaseUrl: 'postgres://desk:s3cret@db.internal:5432/desk' })).not.toMatch(/s3cret|desk:/);
    expect(storageLabel({ db: 'data/newsdesk.db', databaseUrl: undefined })).toBe('data/newsdesk.db');
  });
});

describe('NEWSDESK_INDEX_SNAPSHOTS', () => {
  it('is on unless switched off, for the bot and the CLI alike', () => {
    expect(coreOptions(loadConfig(env), { kind: 'bot' }, logger).indexSnapshots).toBe(true);
    const off = loadConfig({ ...env, NEWSDESK_INDEX_SNAPSHOTS: '0' });
    expect(coreOptions(off, { kind: 'bot' }, logger).indexSnapshots).toBe(false);
    expect(coreOptions(off, { kind: 'cli', command: 'ingest' }, logger).indexSnapshots).toBe(false);
  });
});
