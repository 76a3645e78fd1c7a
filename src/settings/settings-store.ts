import type Database from 'better-sqlite3';
import { NewsdeskError } from '../core/errors.js';
import type { SettingsListener, SettingsStore } from '../core/settings-port.js';
import {
  type ChannelSettings,
  defaultSettings,
  describeIssues,
  SETTING_FIELDS,
  type SettingField,
  type SettingsDefaults,
  type SettingSource,
  type SettingsPatch,
  settingsPatchSchema,
  type StoredProblem,
} from './channel-settings.js';

// The store's contract is the core's settings port.
export type { SettingsListener, SettingsStore } from '../core/settings-port.js';

interface Row {
  address: string;
  settings: string;
  sources: string;
  paused_reason: string | null;
  paused_at: string | null;
  next_slot: string | null;
}

/** SettingsStore on the shared SQLite database (table `channel_settings`, migration 3). */
export class SqliteSettingsStore implements SettingsStore {
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly db: Database.Database,
    private readonly defaults: SettingsDefaults,
  ) {}

  get(address: string): ChannelSettings {
    const row = this.db.prepare('SELECT * FROM channel_settings WHERE address = ?').get(address) as Row | undefined;
    return row ? this.fromRow(row) : defaultSettings(address, this.defaults);
  }

  list(): ChannelSettings[] {
    return (this.db.prepare('SELECT * FROM channel_settings ORDER BY address').all() as Row[]).map((r) => this.fromRow(r));
  }

  update(address: string, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>, now: Date): ChannelSettings {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new NewsdeskError('bad_argument', describeIssues(parsed.error));
    const clean = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SettingsPatch;
    if (Object.keys(clean).length === 0) return this.get(address);
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT settings, sources FROM channel_settings WHERE address = ?').get(address) as Pick<Row, 'settings' | 'sources'> | undefined;
      // Invalid stored values are dropped on write: the next change cleans a hand-edited row.
      const values = { ...(row ? parseStoredFields(row.settings).values : {}), ...clean };
      const sources = { ...(row ? parseSources(row.sources) : {}) };
      for (const k of Object.keys(clean) as SettingField[]) sources[k] = source;
      this.db
        .prepare(
          `INSERT INTO channel_settings (address, settings, sources, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(address) DO UPDATE SET settings = excluded.settings, sources = excluded.sources, updated_at = excluded.updated_at`,
        )
        .run(address, JSON.stringify(values), JSON.stringify(sources), now.toISOString());
    })();
    this.emit(address);
    return this.get(address);
  }

  setPaused(address: string, reason: string | null, now: Date): void {
    this.ensureRow(address, now);
    this.db.prepare('UPDATE channel_settings SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE address = ?').run(reason, reason ? now.toISOString() : null, now.toISOString(), address);
    this.emit(address);
  }

  setNextSlot(address: string, slot: string | null): void {
    // No event: this is the scheduler's own bookkeeping, not a settings change.
    this.db.prepare('UPDATE channel_settings SET next_slot = ? WHERE address = ?').run(slot, address);
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ensureRow(address: string, now: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO channel_settings (address, updated_at) VALUES (?, ?)').run(address, now.toISOString());
  }

  private emit(address: string): void {
    for (const l of this.listeners) l(address);
  }

  private fromRow(r: Row): ChannelSettings {
    const base = defaultSettings(r.address, this.defaults);
    // Stored values were validated on the way in; re-check each field so one bad value (hand edit, stricter rules)
    // neither crashes the scheduler nor silently drops the channel's other settings.
    const { values, invalid } = parseStoredFields(r.settings);
    const stored = parseSources(r.sources);
    const sources = { ...base.sources };
    for (const f of SETTING_FIELDS) if (values[f] !== undefined && stored[f]) sources[f] = stored[f];
    return {
      ...base,
      ...(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<ChannelSettings>),
      address: r.address,
      sources,
      paused: r.paused_reason ? { reason: r.paused_reason, at: r.paused_at ?? '' } : null,
      nextSlot: r.next_slot,
      invalidStored: invalid,
    };
  }
}

/** Validate a stored settings JSON field by field: the valid values, and a description of each invalid one. */
export function parseStoredFields(json: string): { values: SettingsPatch; invalid: StoredProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { values: {}, invalid: [{ field: null, message: 'the stored settings are not valid JSON' }] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { values: {}, invalid: [{ field: null, message: 'the stored settings are not an object' }] };
  const values: Record<string, unknown> = {};
  const invalid: StoredProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!(SETTING_FIELDS as string[]).includes(key)) continue;
    const one = settingsPatchSchema.safeParse({ [key]: value });
    if (one.success) values[key] = (one.data as Record<string, unknown>)[key];
    else invalid.push({ field: key as SettingField, message: `stored ${key} ${JSON.stringify(value).slice(0, 60)} ${describeIssues(one.error).replace(/^[^:]*: /, '')}` });
  }
  return { values: values as SettingsPatch, invalid };
}

/** Stored provenance; an unreadable record simply reads as "default" everywhere. */
function parseSources(json: string): Partial<Record<SettingField, SettingSource>> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Partial<Record<SettingField, SettingSource>>) : {};
  } catch {
    return {};
  }
}
