import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedChannels } from '../../src/settings/seed-channels.js';
import type { ChannelEntry } from '../../src/settings/channel-settings.js';
import type { SettingsStore } from '../../src/core/settings-port.js';
import type { ContractDatabase, ContractEngine } from './engines.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const A = 'slack:T0001:C0001';
const B = 'discord:111:222';

const FILE: ChannelEntry[] = [
  { address: A, topics: ['colombia', 'venezuela'], schedule: 'weekdays 09:00', timezone: 'America/Bogota', maxStories: 5, postWhenEmpty: false },
  { address: B, topics: ['human rights'], schedule: '*/5 * * * *' },
];

/** The SettingsStore contract: every engine behaves the same through the port. */
export function settingsContract(engine: () => ContractEngine): void {
  describe('settings store contract', () => {
    let db: ContractDatabase;
    let store: SettingsStore;
    beforeEach(async () => {
      db = await engine().open();
      store = db.settings();
    });
    afterEach(() => db.close());

    it('returns defaults for a channel nobody configured, and lists only stored channels', async () => {
      const s = await store.get(A);
      expect(s).toMatchObject({ address: A, topics: [], schedule: null, timezone: 'UTC', maxStories: 5, postWhenEmpty: false, enabled: true, paused: null, nextSlot: null, invalidStored: [] });
      expect(s.sources.topics).toBe('default');
      expect(await store.list()).toEqual([]);
    });

    it('persists patches with provenance, visible to another handle, and notifies its own listeners', async () => {
      const seen = vi.fn();
      store.subscribe(seen);
      await store.update(A, { topics: ['colombia'], timezone: 'Europe/Madrid' }, 'chat', NOW);
      await store.update(A, { maxStories: 7 }, 'file', NOW);
      const other = (await db.peer()).settings();
      const again = await other.get(A);
      expect(again).toMatchObject({ topics: ['colombia'], timezone: 'Europe/Madrid', maxStories: 7 });
      expect(again.sources).toMatchObject({ topics: 'chat', timezone: 'chat', maxStories: 'file', schedule: 'default' });
      expect(seen).toHaveBeenCalledWith(A);
      expect((await other.list()).map((c) => c.address)).toEqual([A]);
    });

    it('refuses invalid values with a bad_argument error and changes nothing', async () => {
      await expect(store.update(A, { timezone: 'Nowhere/Special' }, 'chat', NOW)).rejects.toMatchObject({ code: 'bad_argument', message: expect.stringMatching(/IANA/) });
      await expect(store.update(A, { schedule: 'sometimes' }, 'chat', NOW)).rejects.toThrow(/schedule/);
      await expect(store.update(A, { maxStories: 0 }, 'chat', NOW)).rejects.toThrow();
      expect((await store.get(A)).sources.timezone).toBe('default');
    });

    it('records and clears a pause, and remembers the next slot', async () => {
      await store.setPaused(A, 'channel_gone: channel_not_found', NOW);
      expect((await store.get(A)).paused).toEqual({ reason: 'channel_gone: channel_not_found', at: NOW.toISOString() });
      await store.setNextSlot(A, '2026-03-03T14:00:00.000Z');
      expect((await store.get(A)).nextSlot).toBe('2026-03-03T14:00:00.000Z');
      await store.setPaused(A, null, NOW);
      expect((await store.get(A)).paused).toBeNull();
    });

    it('reads a stored value that no longer validates as its default, reports it, and drops it on the next change', async () => {
      await store.update(A, { topics: ['colombia'], maxStories: 7 }, 'chat', NOW);
      await db.writeRawSettings(A, JSON.stringify({ topics: ['colombia'], timezone: 'EST', maxStories: 7 }));
      const s = await store.get(A);
      expect(s).toMatchObject({ topics: ['colombia'], maxStories: 7, timezone: 'UTC' });
      expect(s.invalidStored).toEqual([{ field: 'timezone', message: expect.stringMatching(/^stored timezone "EST" must be an IANA time zone/) }]);
      expect(await store.update(A, { maxStories: 3 }, 'chat', NOW)).toMatchObject({ topics: ['colombia'], maxStories: 3, invalidStored: [] });
      await db.writeRawSettings(A, '{oops');
      expect(await store.get(A)).toMatchObject({ topics: [], invalidStored: [{ field: null, message: 'the stored settings are not valid JSON' }] });
    });

    it('seeds a channels file with file provenance; chat edits win on the next seed', async () => {
      const first = await seedChannels(store, FILE, NOW);
      expect(first).toMatchObject({ channels: 2, keptFromChat: 0 });
      expect(await store.get(A)).toMatchObject({ topics: ['colombia', 'venezuela'], schedule: 'weekdays 09:00', timezone: 'America/Bogota' });
      expect((await store.get(A)).sources.topics).toBe('file');
      await store.update(A, { topics: ['ecuador'] }, 'chat', NOW);
      const edited = FILE.map((e) => (e.address === A ? { ...e, timezone: 'America/Lima' } : e));
      const second = await seedChannels(store, edited, NOW);
      const s = await store.get(A);
      expect(s).toMatchObject({ topics: ['ecuador'], timezone: 'America/Lima' });
      expect(s.sources).toMatchObject({ topics: 'chat', timezone: 'file' });
      expect(second.keptFromChat).toBe(1);
    });

    it('seeding the same file from several handles at once ends as one seed would', async () => {
      const peers = [store, (await db.peer()).settings(), (await db.peer()).settings()];
      await Promise.all(peers.map((p) => seedChannels(p, FILE, NOW)));
      const alone = await engine().open();
      try {
        await seedChannels(alone.settings(), FILE, NOW);
        const strip = (xs: Awaited<ReturnType<SettingsStore['list']>>) => xs.map(({ address, topics, schedule, timezone, maxStories, postWhenEmpty, sources }) => ({ address, topics, schedule, timezone, maxStories, postWhenEmpty, sources }));
        expect(strip(await store.list())).toEqual(strip(await alone.settings().list()));
      } finally {
        await alone.close();
      }
    });
  });
}
