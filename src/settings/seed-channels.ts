import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { NewsdeskError } from '../core/errors.js';
import { type ChannelEntry, channelsFileSchema, describeIssues, SETTING_FIELDS, type SettingsPatch } from './channel-settings.js';
import type { SettingsStore } from '../core/settings-port.js';

/** What seeding did, for the start-up log. */
export interface SeedReport {
  file: string;
  channels: number;
  /** Fields written from the file. */
  applied: number;
  /** Fields left alone because an admin changed them in chat (the store wins). */
  keptFromChat: number;
}

/** Read and validate a channels file; a missing file is simply no channels. */
export function loadChannelsFile(path: string): ChannelEntry[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NewsdeskError('config_invalid', `${path} is not valid YAML: ${(e as Error).message}`, { cause: e });
  }
  const parsed = channelsFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new NewsdeskError('config_invalid', `${path}: ${describeIssues(parsed.error)}`);
  const seen = new Set<string>();
  for (const c of parsed.data.channels) {
    if (seen.has(c.address)) throw new NewsdeskError('config_invalid', `${path}: channel ${c.address} is declared twice`);
    seen.add(c.address);
  }
  return parsed.data.channels;
}

/**
 * Apply file entries to the store. A field an admin edited in chat keeps
 * its chat value (the store wins); everything else follows the file, so
 * editing the file and restarting updates channels nobody touched in chat.
 * Each entry is applied atomically by the store, so several processes
 * seeding the same file at once end in the same state as one.
 */
export async function seedChannels(store: SettingsStore, entries: readonly ChannelEntry[], now: Date, file = 'channels file'): Promise<SeedReport> {
  const report: SeedReport = { file, channels: entries.length, applied: 0, keptFromChat: 0 };
  for (const entry of entries) {
    const patch: Record<string, unknown> = {};
    for (const f of SETTING_FIELDS) if (entry[f] !== undefined) patch[f] = entry[f];
    const r = await store.applyFile(entry.address, patch as SettingsPatch, now);
    report.applied += r.applied;
    report.keptFromChat += r.keptFromChat;
  }
  return report;
}
