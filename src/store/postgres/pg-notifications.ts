import pg from 'pg';

/**
 * LISTEN on a connection of its own (a pooled connection is shared, so it cannot hold a LISTEN).
 * `listen` resolves once the subscription is active; `onError` says the connection is gone (the
 * subscription is dead then, and the caller reconnects). Implemented for node-postgres and PGlite.
 */
export interface NotificationSource {
  listen(channel: string, onNotify: (payload: string) => void, onError: (e: Error) => void): Promise<() => Promise<void>>;
}

/** Notifications over a dedicated node-postgres client with the pool's own connection settings. */
export function pgPoolNotifications(pool: pg.Pool): NotificationSource {
  return {
    async listen(channel, onNotify, onError) {
      const client = new pg.Client({ ...pool.options, application_name: `${pool.options.application_name ?? 'newsdesk'}-listen` });
      let ended = false;
      client.on('error', (e) => {
        if (!ended) onError(e);
      });
      client.on('end', () => {
        if (!ended) onError(new Error('the notification connection closed'));
      });
      client.on('notification', (n) => {
        if (n.channel === channel) onNotify(n.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (e) {
        ended = true;
        await client.end().catch(() => undefined);
        throw e;
      }
      return async () => {
        ended = true;
        await client.end().catch(() => undefined);
      };
    },
  };
}

/** Anything with PGlite's `listen` (kept structural so src/ does not depend on PGlite, a dev-only package). */
export interface ListenCapable {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

/** Notifications in PGlite (one in-process connection: nothing to lose, so `onError` never fires). */
export function pgliteNotifications(db: ListenCapable): NotificationSource {
  return {
    async listen(channel, onNotify) {
      return db.listen(channel, onNotify);
    },
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
