import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh, empty place on a real PostgreSQL server for one test, and how to remove it. */
export interface FreshPostgres {
  /** postgres://… for the app: a non-superuser role, nothing created yet. */
  url: string;
  /** What was made, for the test's report ("database nd_x owned by role nd_x", or "schema …"). */
  describe: string;
  /** A client on `url`, for the test's own read-only checks. */
  connect(): Promise<pg.Client>;
  drop(): Promise<void>;
}

function ident(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A fresh database for the app, the way production runs it: a role that is
 * not a superuser and owns what it uses.
 *
 * - With `adminUrl` (a role allowed to create roles and databases): a new
 *   NOSUPERUSER role and a new database it owns.
 * - Without one (CI's NEWSDESK_TEST_DATABASE_URL is already such a role,
 *   owning its database, and may not create databases): a new schema owned by
 *   that role, selected for every connection through the URL's `options`
 *   (`-c search_path=…`), so the app sees an empty database of its own.
 *
 * Either way the role is checked not to be a superuser, so a migration that
 * needs superuser rights fails here as it would in production.
 */
export async function freshPostgres(url: string, adminUrl?: string): Promise<FreshPostgres> {
  if (adminUrl) {
    const name = ident('nd_twoproc');
    const password = randomBytes(12).toString('hex');
    await withClient(adminUrl, async (c) => {
      await c.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
      await c.query(`CREATE DATABASE ${name} OWNER ${name}`);
    });
    const u = new URL(url);
    u.username = name;
    u.password = password;
    u.pathname = `/${name}`;
    u.search = '';
    const appUrl = u.toString();
    await assertNotSuperuser(appUrl);
    return {
      url: appUrl,
      describe: `database ${name} owned by the new non-superuser role ${name}`,
      connect: () => connected(appUrl),
      drop: () =>
        withClient(adminUrl, async (c) => {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.query(`DROP ROLE IF EXISTS ${name}`);
        }),
    };
  }
  const schema = ident('twoproc');
  const role = await withClient(url, async (c) => {
    await c.query(`CREATE SCHEMA ${schema}`);
    return (await c.query<{ r: string }>('SELECT current_user AS r')).rows[0].r;
  });
  const u = new URL(url);
  // No spaces in the URL (the app's config refuses them): "-c search_path=x" percent-encoded.
  u.search = `?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const appUrl = u.toString();
  const seen = await assertNotSuperuser(appUrl);
  if (seen !== schema) throw new Error(`fresh PostgreSQL: the URL's options did not select schema ${schema} (current_schema() is ${seen})`);
  return {
    url: appUrl,
    describe: `schema ${schema} (empty, owned by the non-superuser role ${role}) in the given database`,
    connect: () => connected(appUrl),
    drop: () => withClient(url, async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  };
}

async function connected(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** Resolves with the connection's current schema. */
async function assertNotSuperuser(url: string): Promise<string | null> {
  const row = await withClient(url, async (c) => (await c.query<{ rolsuper: boolean; schema: string | null }>('SELECT rolsuper, current_schema() AS schema FROM pg_roles WHERE rolname = current_user')).rows[0]);
  if (!row) throw new Error('fresh PostgreSQL: cannot read the role of the test URL');
  if (row.rolsuper) throw new Error('fresh PostgreSQL: the role is a superuser; the test needs a non-superuser role (production runs without one)');
  return row.schema;
}
