/**
 * Who counts as a newsdesk admin on Slack: workspace admins and owners (from
 * `users.info`) plus the user ids listed in `config.slack.adminUsers`.
 * Lookups are cached briefly so a burst of admin commands costs one API call,
 * while a demoted admin loses the right within minutes.
 */

/** The fields of `users.info` → `user` we read. */
export interface SlackUserFlags {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** Options for createAdminCheck. */
export interface AdminCheckOptions {
  adminUsers: readonly string[];
  /** Fetch a user's flags (users.info); may throw. */
  lookup: (userId: string, teamId: string | undefined) => Promise<SlackUserFlags | undefined>;
  ttlMs?: number;
  now?: () => number;
  onLookupError?: (userId: string, err: unknown) => void;
}

/** Returns `isAdmin(userId, teamId)`; lookup failures count as "not admin" (fail closed). */
export function createAdminCheck(opts: AdminCheckOptions): (userId: string, teamId?: string) => Promise<boolean> {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const listed = new Set(opts.adminUsers);
  const cache = new Map<string, { value: boolean; at: number }>();
  return async (userId, teamId) => {
    if (listed.has(userId)) return true;
    const key = `${teamId ?? ''}:${userId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    try {
      const u = await opts.lookup(userId, teamId);
      const value = !!(u?.is_admin || u?.is_owner || u?.is_primary_owner);
      cache.set(key, { value, at: now() });
      return value;
    } catch (err) {
      opts.onLookupError?.(userId, err);
      return false;
    }
  };
}
