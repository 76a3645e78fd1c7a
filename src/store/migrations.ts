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
/**
 * A trigger that stamps the article with the next store-wide sequence number whenever its row (or its
 * analysis) is written, so `changesSince(cursor)` finds it. Generated, because four of them differ only in
 * the event, the table and the column naming the article. The text must stay exactly what migration 7 ran.
 */
function changeTrigger(name: string, event: 'INSERT' | 'UPDATE', table: string, articleColumn: string): string {
  return `      CREATE TRIGGER ${name} AFTER ${event} ON ${table} BEGIN
        UPDATE store_seq SET seq = seq + 1 WHERE id = 1;
        UPDATE article_changes SET seq = (SELECT seq FROM store_seq WHERE id = 1) WHERE article_id = NEW.${articleColumn};
        INSERT INTO article_changes (article_id, seq) SELECT NEW.${articleColumn}, seq FROM store_seq
          WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM article_changes WHERE article_id = NEW.${articleColumn});
      END;
`;
}

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
  {
    version: 7,
    name: 'index records, change sequence and search rows kept by the database',
    // Triggers keep the change log and the FTS rows in step with every write, inside the writer's own
    // transaction, whoever writes (the repository, or an older writer still on the synchronous store).
    // No INSERT OR REPLACE in them: an outer statement's conflict clause (an UPSERT) would override it.
    up: `
      ALTER TABLE analyses ADD COLUMN index_data TEXT;
      CREATE TABLE store_seq (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
      INSERT INTO store_seq (id, seq) VALUES (1, 0);
      CREATE TABLE article_changes (article_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE INDEX article_changes_seq ON article_changes (seq);
      CREATE INDEX IF NOT EXISTS articles_current_heads ON articles (first_seen_at, id, content_hash, updated_at) WHERE status = 'current';
      CREATE INDEX IF NOT EXISTS articles_origin_source ON articles (origin, source);
      CREATE INDEX IF NOT EXISTS articles_live_dates ON articles (coalesce(published_at, first_seen_at)) WHERE status <> 'pruned';

${changeTrigger('articles_changed_insert', 'INSERT', 'articles', 'id')}${changeTrigger('articles_changed_update', 'UPDATE', 'articles', 'id')}${changeTrigger('analyses_changed_insert', 'INSERT', 'analyses', 'article_id')}${changeTrigger('analyses_changed_update', 'UPDATE', 'analyses', 'article_id')}      CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
        DELETE FROM search_fts WHERE rowid = (SELECT fts_rowid FROM search_docs WHERE article_id = OLD.id);
        DELETE FROM search_docs WHERE article_id = OLD.id;
        DELETE FROM article_changes WHERE article_id = OLD.id;
      END;

      -- Search rows: only current articles are searchable.
      CREATE TRIGGER articles_search_insert AFTER INSERT ON articles WHEN NEW.status = 'current' BEGIN
        DELETE FROM search_docs WHERE article_id = NEW.id;
        INSERT INTO search_fts (article_id, title, body) VALUES (NEW.id, NEW.title, NEW.text);
        INSERT INTO search_docs (article_id, content_hash, fts_rowid) VALUES (NEW.id, NEW.content_hash, last_insert_rowid());
      END;
      CREATE TRIGGER articles_search_update AFTER UPDATE OF status, title, text, content_hash ON articles
        WHEN NEW.status <> 'current' OR OLD.status <> 'current' OR OLD.title <> NEW.title OR OLD.text <> NEW.text OR OLD.content_hash <> NEW.content_hash
      BEGIN
        DELETE FROM search_fts WHERE rowid = (SELECT fts_rowid FROM search_docs WHERE article_id = OLD.id);
        DELETE FROM search_docs WHERE article_id = OLD.id;
        INSERT INTO search_fts (article_id, title, body) SELECT NEW.id, NEW.title, NEW.text WHERE NEW.status = 'current';
        INSERT INTO search_docs (article_id, content_hash, fts_rowid) SELECT NEW.id, NEW.content_hash, last_insert_rowid() WHERE NEW.status = 'current';
      END;

      -- Back-fill: drop search rows of articles that are gone, not current or changed; add the missing ones.
      DELETE FROM search_fts WHERE rowid IN (
        SELECT d.fts_rowid FROM search_docs d
        WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id AND a.status = 'current' AND a.content_hash = d.content_hash));
      DELETE FROM search_docs WHERE NOT EXISTS (
        SELECT 1 FROM articles a WHERE a.id = search_docs.article_id AND a.status = 'current' AND a.content_hash = search_docs.content_hash);
      DELETE FROM search_fts WHERE rowid NOT IN (SELECT fts_rowid FROM search_docs);
      INSERT INTO search_fts (article_id, title, body)
        SELECT id, title, text FROM articles a WHERE a.status = 'current' AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id);
      INSERT INTO search_docs (article_id, content_hash, fts_rowid)
        SELECT f.article_id, a.content_hash, f.rowid FROM search_fts f JOIN articles a ON a.id = f.article_id
        WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = f.article_id);
    `,
  },
  {
    version: 8,
    name: 'index records in a table of their own',
    // A column beside the analysis JSON made every start-up page step over the JSON (overflow pages);
    // a narrow WITHOUT ROWID table keyed by article id reads in key order and nothing else. The covering
    // (id, status) index answers "is it current?" for each record without touching the article row.
    up: `
      CREATE TABLE analysis_index (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        data         TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO analysis_index (article_id, version, content_hash, data)
        SELECT article_id, version, content_hash, index_data FROM analyses WHERE index_data IS NOT NULL;
      ALTER TABLE analyses DROP COLUMN index_data;
      CREATE INDEX articles_id_status ON articles (id, status);
      -- Without statistics the planner preferred this low-selectivity index to the partial ones below
      -- and sorted every current row; the partial indexes answer each status query on their own.
      DROP INDEX IF EXISTS articles_status;
      CREATE INDEX articles_reprints ON articles (duplicate_of, first_seen_at, id) WHERE status = 'duplicate';
    `,
  },
  {
    version: 9,
    name: 'index snapshots',
    // The corpus's built in-memory index, saved so start-up need not rebuild it from every index record:
    // a header per analysis version and the bytes in chunk rows (a million articles make several hundred MB).
    up: `
      CREATE TABLE index_snapshots (
        version  INTEGER PRIMARY KEY,
        cursor   TEXT NOT NULL,
        bytes    INTEGER NOT NULL,
        chunks   INTEGER NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE TABLE index_snapshot_chunks (
        version INTEGER NOT NULL,
        seq     INTEGER NOT NULL,
        data    BLOB NOT NULL,
        PRIMARY KEY (version, seq)
      );
    `,
  },
  {
    version: 10,
    name: 'search rowid map',
    // A text search ranks FTS rowids and then needs their article ids. Read from the FTS content table, each
    // id cost a page of a table holding every article's body (a random disk read when the file is not
    // cached); this index is about 30 bytes an article, small enough to read through at start-up.
    up: `CREATE INDEX search_docs_by_rowid ON search_docs (fts_rowid, article_id);`,
  },
  {
    version: 11,
    name: 'analysis claims',
    // Which process is analysing an article (see analysis-claims.ts); expires_at in epoch milliseconds.
    up: `CREATE TABLE analysis_claims (
      article_id   TEXT NOT NULL,
      version      INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      owner        TEXT NOT NULL,
      expires_at   INTEGER NOT NULL,
      PRIMARY KEY (article_id, version)
    );`,
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
