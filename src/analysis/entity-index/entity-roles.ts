import type { EntityGroups, Group } from './entity-groups.js';
import type { IndexedRole } from './types.js';

/**
 * The dated roles of the groups' articles that `takes` (the article is live, and a bare name's mention in it
 * means the entity), each (article, role) once, in group then list order, sorted by date. A well-known person has tens of thousands: when only one group has roles and its list is
 * ascending by article (as `add` appends them), a repeat can only sit in the run of its own article, so no
 * set of every (article, role) pair is needed.
 */
export function rolesOf(s: EntityGroups, groups: readonly Group[], takes: (g: Group, ord: number) => boolean): IndexedRole[] {
  const roles: IndexedRole[] = [];
  const withRoles = groups.filter((g) => g.roles.length > 0);
  const fast = withRoles.length === 1 && ascendingByOrd(withRoles[0].roles);
  const seen = fast ? null : new Set<string>();
  for (const g of withRoles) {
    const p = g.postings;
    let lastOrd = -1;
    let runAt = 0;
    let j = 0;
    for (const { role, ord } of g.roles) {
      let i: number;
      if (fast) {
        // Roles and postings both ascend: walk the postings along instead of searching them.
        while (j < p.n && p.ords[j] < ord) j++;
        i = j < p.n && p.ords[j] === ord ? j : -1;
      } else i = p.indexOf(ord);
      if (i < 0 || !takes(g, ord)) continue;
      if (seen) {
        const rk = `${ord}\u0000${role}`;
        if (seen.has(rk)) continue;
        seen.add(rk);
      } else {
        if (ord !== lastOrd) runAt = roles.length;
        lastOrd = ord;
        if (repeats(roles, runAt, role)) continue;
      }
      roles.push({ role, articleId: s.ids[ord], date: s.dates[ord] });
    }
  }
  return roles.sort(byDate);
}

/** Whether `roles[from…]` (one article's run) already holds `role`. */
function repeats(roles: readonly IndexedRole[], from: number, role: string): boolean {
  for (let i = from; i < roles.length; i++) if (roles[i].role === role) return true;
  return false;
}

/** Whether a role list is ascending by article, as `add` appends it. */
function ascendingByOrd(roles: readonly { ord: number }[]): boolean {
  for (let i = 1; i < roles.length; i++) if (roles[i].ord < roles[i - 1].ord) return false;
  return true;
}

/** Oldest first, undated last: the order /who reads a role history in. */
function byDate(a: { date: string | null }, b: { date: string | null }): number {
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? -1 : 1;
}
