import type Database from 'better-sqlite3';
import type { FileApplyReport, SettingsListener, SettingsStore } from '../core/settings-port.js';
import { type ChannelSettings, defaultSettings, type SettingsDefaults, type SettingSource, type SettingsPatch } from '../settings/channel-settings.js';
import { cleanPatch, mergeRecord, settingsFromRow, splitFilePatch, type StoredSettingsRow } from '../settings/settings-record.js';

// The store's contract is the core's settings port.
export type { FileApplyReport, SettingsListener, SettingsStore } from '../core/settings-port.js';

/**
 * SettingsStore on the shared SQLite database (table `channel_settings`,
 * migration 3). better-sqlite3 is synchronous: each method does its work at
 * once and returns a resolved promise, and each write is one SQLite
 * transaction, so processes sharing the file never interleave a read-modify-write.
 */
export class SqliteSettingsStore implements SettingsStore {
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly db: Database.Database,
    private readonly defaults: SettingsDefaults,
  ) {}

  async get(address: string): Promise<ChannelSettings> {
    return this.read(address);
  }

  async list(): Promise<ChannelSettings[]> {
    return (this.db.prepare('SELECT * FROM channel_settings ORDER BY address').all() as StoredSettingsRow[]).map((r) => settingsFromRow(r, this.defaults));
  }

  async update(address: string, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>, now: Date): Promise<ChannelSettings> {
    const clean = cleanPatch(patch);
    if (Object.keys(clean).length === 0) return this.read(address);
    this.db.transaction(() => this.write(address, clean, source, now))();
    this.emit(address);
    return this.read(address);
  }

  async applyFile(address: string, patch: SettingsPatch, now: Date): Promise<FileApplyReport> {
    const clean = cleanPatch(patch);
    const report = this.db.transaction(() => {
      const { apply, keptFromChat } = splitFilePatch(this.row(address), clean);
      const applied = Object.keys(apply).length;
      if (applied) this.write(address, apply, 'file', now);
      return { applied, keptFromChat };
    })();
    if (report.applied) this.emit(address);
    return report;
  }

  async setPaused(address: string, reason: string | null, now: Date): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO channel_settings (address, updated_at) VALUES (?, ?)').run(address, now.toISOString());
    this.db.prepare('UPDATE channel_settings SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE address = ?').run(reason, reason ? now.toISOString() : null, now.toISOString(), address);
    this.emit(address);
  }

  async setNextSlot(address: string, slot: string | null): Promise<void> {
    // No event: this is the scheduler's own bookkeeping, not a settings change.
    this.db.prepare('UPDATE channel_settings SET next_slot = ? WHERE address = ?').run(slot, address);
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private row(address: string): StoredSettingsRow | undefined {
    return this.db.prepare('SELECT * FROM channel_settings WHERE address = ?').get(address) as StoredSettingsRow | undefined;
  }

  private read(address: string): ChannelSettings {
    const row = this.row(address);
    return row ? settingsFromRow(row, this.defaults) : defaultSettings(address, this.defaults);
  }

  /** Merge a clean patch into the row; call inside a transaction. */
  private write(address: string, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>, now: Date): void {
    const merged = mergeRecord(this.row(address), patch, source);
    this.db
      .prepare(
        `INSERT INTO channel_settings (address, settings, sources, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(address) DO UPDATE SET settings = excluded.settings, sources = excluded.sources, updated_at = excluded.updated_at`,
      )
      .run(address, merged.settings, merged.sources, now.toISOString());
  }

  private emit(address: string): void {
    for (const l of this.listeners) l(address);
  }
}
