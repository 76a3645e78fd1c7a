import { NewsdeskError } from '../core/errors.js';
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

/**
 * The engine-neutral half of a settings store: how a stored row (JSON text
 * columns, as both SQLite and PostgreSQL keep them) becomes effective
 * settings, and how a patch merges into it. The store files only move rows.
 */

/** One stored channel row, as every engine returns it. */
export interface StoredSettingsRow {
  address: string;
  settings: string;
  sources: string;
  paused_reason: string | null;
  paused_at: string | null;
  next_slot: string | null;
}

/** The stored JSON columns after a write. */
export interface MergedRecord {
  settings: string;
  sources: string;
}

/** Validate a patch and drop undefined fields; throws `bad_argument` with the reason. */
export function cleanPatch(patch: SettingsPatch): SettingsPatch {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) throw new NewsdeskError('bad_argument', describeIssues(parsed.error));
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SettingsPatch;
}

/** Merge a clean patch into a stored row (or none), recording `source` for each patched field. */
export function mergeRecord(row: Pick<StoredSettingsRow, 'settings' | 'sources'> | undefined, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>): MergedRecord {
  // Invalid stored values are dropped on write: the next change cleans a hand-edited row.
  const values = { ...(row ? parseStoredFields(row.settings).values : {}), ...patch };
  const sources = { ...(row ? parseSources(row.sources) : {}) };
  for (const k of Object.keys(patch) as SettingField[]) sources[k] = source;
  return { settings: JSON.stringify(values), sources: JSON.stringify(sources) };
}

/** Split a channels-file patch into the fields the file may set and those an admin set in chat (which win). */
export function splitFilePatch(row: Pick<StoredSettingsRow, 'sources'> | undefined, patch: SettingsPatch): { apply: SettingsPatch; keptFromChat: number } {
  const sources = row ? parseSources(row.sources) : {};
  const apply: Record<string, unknown> = {};
  let keptFromChat = 0;
  for (const f of SETTING_FIELDS) {
    const v = patch[f];
    if (v === undefined) continue;
    if (sources[f] === 'chat') keptFromChat++;
    else apply[f] = v;
  }
  return { apply: apply as SettingsPatch, keptFromChat };
}

/** Effective settings of a stored row: every valid stored field over the defaults, with its provenance. */
export function settingsFromRow(r: StoredSettingsRow, defaults: SettingsDefaults): ChannelSettings {
  const base = defaultSettings(r.address, defaults);
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
