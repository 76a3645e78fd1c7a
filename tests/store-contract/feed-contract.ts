import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedStore } from '../../src/store/feed-store.js';
import type { FeedDatabase, FeedEngine } from './feed-engines.js';

const T0 = new Date('2026-03-02T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SEC = 1000;
const A = 'https://a.example/rss';
const B = 'https://b.example/atom';

/** The FeedStore contract: the same behaviour on every engine, including between two handles (two processes). */
export function feedStoreContract(engine: () => FeedEngine): void {
  describe('feed store contract', () => {
    let db: FeedDatabase;
    let store: FeedStore;
    beforeEach(async () => {
      db = await engine().open();
      store = db.store;
    });
    afterEach(() => db.close());

    it('adds, lists, follows and removes feeds; re-adding a disabled feed starts it afresh', async () => {
      const added = await store.add(A, 600_000, 'chat', T0);
      expect(added).toMatchObject({ url: A, everyMs: 600_000, origin: 'chat', addedAt: T0.toISOString(), failures: 0, nextAttemptAt: null, disabledReason: null, disabledNoticeSent: false, itemsSeen: 0, leaseOwner: null });
      await store.add(B, 60_000, 'cli', at(SEC));
      await store.follow(A, 'slack:T1:C1');
      await store.follow(A, 'discord:G1:C2');
      await store.follow(A, 'slack:T1:C1');
      await store.follow(B, 'slack:T1:C1');
      const other = await db.peer();
      expect((await other.list()).map((f) => f.url)).toEqual([A, B]);
      expect(await other.followers(A)).toEqual(['discord:G1:C2', 'slack:T1:C1']);
      expect(await other.allFollowers()).toEqual(new Map([[A, ['discord:G1:C2', 'slack:T1:C1']], [B, ['slack:T1:C1']]]));
      await store.unfollow(A, 'discord:G1:C2');
      expect(await store.followers(A)).toEqual(['slack:T1:C1']);

      expect(await store.recordFailure(A, { at: at(2 * SEC), error: 'HTTP 503', nextAttemptAt: at(300 * SEC) })).toBe(1);
      expect(await other.recordFailure(A, { at: at(3 * SEC), error: 'x'.repeat(900), nextAttemptAt: at(600 * SEC) })).toBe(2);
      expect(await store.get(A)).toMatchObject({ failures: 2, lastAttemptAt: at(3 * SEC).toISOString(), nextAttemptAt: at(600 * SEC).toISOString(), lastError: 'x'.repeat(500) });
      expect(await store.disable(A, '2 consecutive failures', at(4 * SEC))).toBe(true);
      expect(await other.disable(A, '2 consecutive failures', at(5 * SEC))).toBe(false);
      expect((await other.pendingNotices()).map((f) => f.url)).toEqual([A]);
      expect(await Promise.all([store.claimNotice(A), other.claimNotice(A)])).toEqual(expect.arrayContaining([true, false]));
      expect(await store.pendingNotices()).toEqual([]);
      expect(await store.get(A)).toMatchObject({ disabledReason: '2 consecutive failures', disabledAt: at(4 * SEC).toISOString(), disabledNoticeSent: true });

      await store.add(A, 120_000, 'chat', at(6 * SEC));
      expect(await store.get(A)).toMatchObject({ everyMs: 120_000, failures: 0, disabledReason: null, disabledNoticeSent: false, lastError: null, addedAt: T0.toISOString() });

      await store.recordSuccess(B, { at: at(7 * SEC), etag: '"e1"', lastModified: 'Mon, 02 Mar 2026 11:00:00 GMT', nextAttemptAt: at(67 * SEC), newItems: 3 });
      await store.recordSuccess(B, { at: at(8 * SEC), etag: '"e1"', lastModified: null, nextAttemptAt: at(68 * SEC), newItems: 2 });
      expect(await other.get(B)).toMatchObject({ etag: '"e1"', lastModified: null, lastSuccessAt: at(8 * SEC).toISOString(), itemsSeen: 5, failures: 0 });

      expect(await store.remove(B, 'chat')).toBe(true);
      expect(await other.remove(B, 'chat')).toBe(false);
      expect(await store.get(B)).toBeUndefined();
      expect(await store.followers(B)).toEqual([]);
      expect((await store.list()).map((f) => f.url)).toEqual([A]);
    });

    it('seeds from the file: new feeds added, dropped ones removed, chat edits kept', async () => {
      await store.seedFromFile([{ url: A, everyMs: 30_000 }], T0);
      expect((await store.list()).map((f) => [f.url, f.origin, f.everyMs])).toEqual([[A, 'file', 30_000]]);
      await store.remove(A, 'chat');
      await store.seedFromFile([{ url: A, everyMs: 60_000 }], T0);
      expect(await store.list()).toEqual([]);
      await store.seedFromFile([{ url: B, everyMs: 60_000 }, { url: 'https://c.example/rss', everyMs: 60_000 }], T0);
      await store.seedFromFile([{ url: 'https://c.example/rss', everyMs: 120_000 }], T0);
      expect((await store.list()).map((f) => [f.url, f.everyMs])).toEqual([['https://c.example/rss', 120_000]]);
      await store.seedFromFile([{ url: B, everyMs: 60_000 }, { url: 'https://c.example/rss', everyMs: 120_000 }], T0);
      expect((await store.list()).map((f) => f.url).sort()).toEqual([B, 'https://c.example/rss']);
    });

    it('seeding the same file from several handles at once ends as one seed would', async () => {
      const file = Array.from({ length: 12 }, (_, i) => ({ url: `https://feeds${i}.example/rss`, everyMs: 60_000 * (i + 1) }));
      await store.add(file[3].url, 999_000, 'chat', T0);
      const peers = [store, await db.peer(), await db.peer()];
      await Promise.all(peers.map((p) => p.seedFromFile(file, T0)));
      const alone = await engine().open();
      try {
        await alone.store.add(file[3].url, 999_000, 'chat', T0);
        await alone.store.seedFromFile(file, T0);
        const strip = (fs: Awaited<ReturnType<FeedStore['list']>>) => fs.map((f) => [f.url, f.everyMs, f.origin]).sort();
        expect(strip(await store.list())).toEqual(strip(await alone.store.list()));
        expect(await store.list()).toHaveLength(12);
      } finally {
        await alone.close();
      }
    });

    it('remembers item identities once: the first article stays, whichever handle writes first', async () => {
      const other = await db.peer();
      expect(await store.findItem(['guid:x#1', 'url:a.example/1'])).toBeNull();
      await store.rememberItem(['guid:x#1', 'url:a.example/1'], 'https://a.example/1', A, false, T0);
      await other.rememberItem(['url:a.example/1', 'hash:abc'], 'https://b.example/1', B, true, T0);
      expect(await other.findItem(['guid:x#1'])).toBe('https://a.example/1');
      expect(await other.findItem(['url:a.example/1'])).toBe('https://a.example/1');
      expect(await store.findItem(['hash:abc'])).toBe('https://b.example/1');
      // The strongest known key decides.
      expect(await store.findItem(['guid:none', 'hash:abc', 'url:a.example/1'])).toBe('https://b.example/1');
      expect(await store.isPartial('https://b.example/1')).toBe(true);
      expect(await store.isPartial('https://a.example/1')).toBe(false);
      // Two handles remembering one new item at once: one article for every key.
      const keys = ['guid:y#2', 'url:a.example/2', 'hash:def'];
      await Promise.all([store.rememberItem(keys, 'first', A, false, T0), other.rememberItem([...keys].reverse(), 'second', B, false, T0)]);
      const found = await Promise.all(keys.map((k) => store.findItem([k])));
      expect(new Set(found).size).toBe(1);
      expect(['first', 'second']).toContain(found[0]);
    });

    describe('poll leases', () => {
      beforeEach(async () => {
        await store.add(A, 60_000, 'file', T0);
      });

      it('two owners racing for a free lease: exactly one wins; a live lease is refused, its owner may extend it', async () => {
        const other = await db.peer();
        const won = await Promise.all([store.tryLease(A, 'proc-a', at(60 * SEC), T0), other.tryLease(A, 'proc-b', at(60 * SEC), T0)]);
        expect(won.filter(Boolean)).toHaveLength(1);
        const [winner, loser] = won[0] ? ['proc-a', 'proc-b'] : ['proc-b', 'proc-a'];
        expect(await store.get(A)).toMatchObject({ leaseOwner: winner, leaseUntil: at(60 * SEC).toISOString() });
        expect(await other.tryLease(A, loser, at(119 * SEC), at(59 * SEC))).toBe(false);
        expect(await other.tryLease(A, winner, at(90 * SEC), at(30 * SEC))).toBe(true);
        expect((await store.get(A))!.leaseUntil).toBe(at(90 * SEC).toISOString());
      });

      it('an expired lease is taken over by exactly one of two racers; the old owner can no longer renew', async () => {
        const b = await db.peer();
        const c = await db.peer();
        expect(await store.tryLease(A, 'proc-a', at(60 * SEC), T0)).toBe(true);
        expect(await store.renewLease(A, 'proc-a', at(100 * SEC))).toBe(true);
        // Renewed: still proc-a's after the first expiry.
        expect(await b.tryLease(A, 'proc-b', at(130 * SEC), at(70 * SEC))).toBe(false);
        const taken = await Promise.all([b.tryLease(A, 'proc-b', at(161 * SEC), at(101 * SEC)), c.tryLease(A, 'proc-c', at(161 * SEC), at(101 * SEC))]);
        expect(taken.filter(Boolean)).toHaveLength(1);
        expect(await store.renewLease(A, 'proc-a', at(102 * SEC))).toBe(false);
        const taker = taken[0] ? 'proc-b' : 'proc-c';
        // The old owner's release does not free the taker's lease.
        await store.releaseLease(A, 'proc-a');
        expect(await store.get(A)).toMatchObject({ leaseOwner: taker, leaseUntil: at(161 * SEC).toISOString() });
      });

      it('a released lease is free at once; a removed feed is leased by nobody', async () => {
        const other = await db.peer();
        expect(await store.tryLease(A, 'proc-a', at(60 * SEC), T0)).toBe(true);
        await store.releaseLease(A, 'proc-a');
        expect(await store.get(A)).toMatchObject({ leaseOwner: null, leaseUntil: null });
        expect(await other.renewLease(A, 'proc-a', at(70 * SEC))).toBe(false);
        expect(await other.tryLease(A, 'proc-b', at(61 * SEC), at(SEC))).toBe(true);
        await other.releaseLease(A, 'proc-b');
        await store.remove(A, 'chat');
        expect(await other.tryLease(A, 'proc-b', at(62 * SEC), at(2 * SEC))).toBe(false);
        expect(await other.tryLease('https://unknown.example/rss', 'proc-b', at(62 * SEC), at(2 * SEC))).toBe(false);
      });

      it('many owners racing over many feeds: one winner per feed', async () => {
        const urls = Array.from({ length: 10 }, (_, i) => `https://race${i}.example/rss`);
        for (const u of urls) await store.add(u, 60_000, 'file', T0);
        const handles = [store, await db.peer(), await db.peer()];
        const results = await Promise.all(urls.flatMap((u) => handles.map((h, i) => h.tryLease(u, `proc-${i}`, at(60 * SEC), T0).then((ok) => (ok ? u : null)))));
        const winners = results.filter((u): u is string => u !== null);
        expect(winners.sort()).toEqual([...urls].sort());
      });
    });
  });
}
