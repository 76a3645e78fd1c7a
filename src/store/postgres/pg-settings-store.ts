import type { ChannelSettings, FileApplyReport, SettingsListener, SettingSource, SettingsPatch, SettingsStore } from '../../core/settings-port.js';
import { defaultSettings, type SettingsDefaults } from '../../settings/channel-settings.js';
import { cleanPatch, mergeRecord, settingsFromRow, splitFilePatch, type StoredSettingsRow } from '../../settings/settings-record.js';
import type { Queryable, SqlDatabase } from './sql-database.js';

/**
 * SettingsStore on PostgreSQL (table `channel_settings`, see pg-migrations).
 * Shared by every process on the database: writes lock the channel's row
 * for their read-modify-write, and a missing row is created with
 * INSERT … ON CONFLICT DO NOTHING, so concurrent writers (two processes
 * seeding the same channels file) never fail or lose a field.
 */
export class PgSettingsStore implements SettingsStore {
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly defaults: SettingsDefaults,
  ) {}

  async get(address: string): Promise<ChannelSettings> {
    const row = await this.row(this.db, address);
    return row ? settingsFromRow(row, this.defaults) : defaultSettings(address, this.defaults);
  }

  async list(): Promise<ChannelSettings[]> {
    const { rows } = await this.db.query<StoredSettingsRow>('SELECT * FROM channel_settings ORDER BY address');
    return rows.map((r) => settingsFromRow(r, this.defaults));
  }

  async update(address: string, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>, now: Date): Promise<ChannelSettings> {
    const clean = cleanPatch(patch);
    if (Object.keys(clean).length === 0) return this.get(address);
    await this.db.transaction(async (tx) => {
      const row = await this.lockRow(tx, address, now);
      await this.write(tx, address, mergeRecord(row, clean, source), now);
    });
    this.emit(address);
    return this.get(address);
  }

  async applyFile(address: string, patch: SettingsPatch, now: Date): Promise<FileApplyReport> {
    const clean = cleanPatch(patch);
    const report = await this.db.transaction(async (tx) => {
      const row = await this.lockRow(tx, address, now);
      const { apply, keptFromChat } = splitFilePatch(row, clean);
      const applied = Object.keys(apply).length;
      if (applied) await this.write(tx, address, mergeRecord(row, apply, 'file'), now);
      return { applied, keptFromChat };
    });
    if (report.applied) this.emit(address);
    return report;
  }

  async setPaused(address: string, reason: string | null, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db.query(
      `INSERT INTO channel_settings (address, paused_reason, paused_at, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (address) DO UPDATE SET paused_reason = EXCLUDED.paused_reason, paused_at = EXCLUDED.paused_at, updated_at = EXCLUDED.updated_at`,
      [address, reason, reason ? at : null, at],
    );
    this.emit(address);
  }

  async setNextSlot(address: string, slot: string | null): Promise<void> {
    // No event: this is the scheduler's own bookkeeping, not a settings change.
    await this.db.query('UPDATE channel_settings SET next_slot = $2 WHERE address = $1', [address, slot]);
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async row(q: Queryable, address: string): Promise<StoredSettingsRow | undefined> {
    return (await q.query<StoredSettingsRow>('SELECT * FROM channel_settings WHERE address = $1', [address])).rows[0];
  }

  /** Make sure the row exists (empty if new), then lock it until the transaction ends. */
  private async lockRow(tx: Queryable, address: string, now: Date): Promise<StoredSettingsRow> {
    await tx.query('INSERT INTO channel_settings (address, updated_at) VALUES ($1, $2) ON CONFLICT (address) DO NOTHING', [address, now.toISOString()]);
    return (await tx.query<StoredSettingsRow>('SELECT * FROM channel_settings WHERE address = $1 FOR UPDATE', [address])).rows[0];
  }

  private async write(tx: Queryable, address: string, merged: { settings: string; sources: string }, now: Date): Promise<void> {
    await tx.query('UPDATE channel_settings SET settings = $2, sources = $3, updated_at = $4 WHERE address = $1', [address, merged.settings, merged.sources, now.toISOString()]);
  }

  private emit(address: string): void {
    for (const l of this.listeners) l(address);
  }
}
