import type Database from 'better-sqlite3';

/** One schema change. Migrations are append-only: never edit a shipped one, add a new version. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/**
 * The schema history. Later features append here (channel settings, digest
 * runs, feeds) so an existing database upgrades in place on start-up.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles and analyses',
    up: `
      CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        source        TEXT NOT NULL UNIQUE,
        origin        TEXT NOT NULL,
        title         TEXT NOT NULL,
        title_derived INTEGER NOT NULL DEFAULT 0,
        url           TEXT,
        published_at  TEXT,
        byline        TEXT NOT NULL DEFAULT '[]',
        credits       TEXT NOT NULL DEFAULT '[]',
        text          TEXT NOT NULL,
        offsets_into  TEXT NOT NULL,
        offsets       TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        text_hash     TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'current',
        duplicate_of  TEXT,
        first_seen_at TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX articles_status ON articles(status);
      CREATE INDEX articles_text_hash ON articles(text_hash);
      CREATE TABLE analyses (
        article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        json        TEXT NOT NULL,
        analysed_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'full-text search',
    up: `
      CREATE VIRTUAL TABLE search_fts USING fts5(
        article_id UNINDEXED, title, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TABLE search_docs (article_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, fts_rowid INTEGER NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'channel settings and digest runs',
    up: `
      CREATE TABLE channel_settings (
        address       TEXT PRIMARY KEY,
        settings      TEXT NOT NULL DEFAULT '{}',
        sources       TEXT NOT NULL DEFAULT '{}',
        paused_reason TEXT,
        paused_at     TEXT,
        next_slot     TEXT,
        updated_at    TEXT NOT NULL
      );
      CREATE TABLE digest_runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        address       TEXT NOT NULL,
        slot          TEXT NOT NULL,
        reason        TEXT NOT NULL,
        status        TEXT NOT NULL,
        article_ids   TEXT NOT NULL DEFAULT '[]',
        story_count   INTEGER NOT NULL DEFAULT 0,
        covered_until TEXT,
        detail        TEXT,
        attempts      INTEGER NOT NULL DEFAULT 0,
        claimed_at    TEXT NOT NULL,
        finished_at   TEXT,
        UNIQUE (address, slot)
      );
      CREATE INDEX digest_runs_address ON digest_runs(address, id);
    `,
  },
  {
    version: 4,
    name: 'index reprints by original',
    up: `CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);`,
  },
  {
    version: 5,
    name: 'analysis failures',
    // Keyed like analyses (version + content hash) so a failure is not retried every start, but is after an upgrade.
    up: `
      CREATE TABLE IF NOT EXISTS analysis_failures (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        reason       TEXT NOT NULL,
        message      TEXT NOT NULL,
        failed_at    TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS articles_dates ON articles(coalesce(published_at, first_seen_at));
    `,
  },
  {
    version: 6,
    name: 'publisher and parse version',
    // parse_version 0 marks rows parsed before metadata extraction: the next ingest parses them again.
    up: `
      ALTER TABLE articles ADD COLUMN publisher TEXT;
      ALTER TABLE articles ADD COLUMN parse_version INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

/** Apply pending migrations in one transaction each; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').all().map((r) => (r as { version: number }).version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    // IMMEDIATE takes the write lock first, and the re-check inside means two processes starting together apply each migration once.
    const ran = db.transaction(() => {
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return false;
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      return true;
    }).immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
