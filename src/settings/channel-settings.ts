import { z } from 'zod';
import type { ChannelSettings, SettingField, SettingSource, SettingsPatch } from '../core/settings-port.js';
import { isValidSchedule, isValidTimezone } from './friendly-schedule.js';

/**
 * A channel's digest settings. One zod schema describes every field; the
 * YAML seeding file (`config/channels.yaml`) and chat edits are both
 * validated with it, so a value that is accepted in one place is accepted in
 * the other.
 */

/** Channel addresses are platform-prefixed and opaque ("slack:T1:C1", "discord:<guild>:<channel>"). */
export const addressSchema = z
  .string()
  .trim()
  .regex(/^(slack|discord|console):\S+$/, 'must be an address such as slack:T0001:C0001 or discord:<guild>:<channel>');

/** A topic is a query as /brief understands it. */
export const topicSchema = z.string().trim().min(1, 'a topic cannot be empty').max(200, 'a topic can be at most 200 characters');

/** Most topics a channel may follow; beyond this a digest is no longer a digest. */
export const MAX_TOPICS = 25;

/** The editable fields, each independently optional (a patch, or one YAML entry). */
export const settingsFieldsSchema = z.object({
  topics: z.array(topicSchema).max(MAX_TOPICS, `at most ${MAX_TOPICS} topics`),
  /** Feed URLs the channel follows: polled, and this channel is told if one is switched off. */
  feeds: z.array(z.url()).max(50),
  /** Friendly form ("weekdays 09:00") or a 5-field cron expression; null = no schedule. */
  schedule: z
    .string()
    .trim()
    .refine(isValidSchedule, 'must be a schedule such as "daily 08:30", "weekdays 09:00", "mondays 07:00" or a 5-field cron expression')
    .nullable(),
  timezone: z.string().trim().refine(isValidTimezone, 'must be an IANA time zone such as America/Bogota or Europe/Madrid'),
  maxStories: z.number().int().min(1).max(25),
  postWhenEmpty: z.boolean(),
  enabled: z.boolean(),
});

/** Names of the editable fields (the type is the core's; the check below keeps both in step). */
export const SETTING_FIELDS = Object.keys(settingsFieldsSchema.shape) as SettingField[];

/** A partial update of a channel's settings. */
export const settingsPatchSchema = settingsFieldsSchema.partial();

/** One channel in `config/channels.yaml`. */
export const channelEntrySchema = settingsPatchSchema.extend({ address: addressSchema }).strict();
export type ChannelEntry = z.infer<typeof channelEntrySchema>;

/** The whole channels file. */
export const channelsFileSchema = z
  .object({ channels: z.array(channelEntrySchema).nullable().default([]) })
  .strict()
  .transform((f) => ({ channels: f.channels ?? [] }));

/** Defaults for channels nobody configured yet (from `config.digest`). */
export interface SettingsDefaults {
  timezone: string;
  maxStories: number;
}

/** Settings of a channel nobody has configured. */
export function defaultSettings(address: string, d: SettingsDefaults): ChannelSettings {
  return {
    address,
    topics: [],
    feeds: [],
    schedule: null,
    timezone: d.timezone,
    maxStories: d.maxStories,
    postWhenEmpty: false,
    enabled: true,
    sources: Object.fromEntries(SETTING_FIELDS.map((f) => [f, 'default'])) as Record<SettingField, SettingSource>,
    paused: null,
    nextSlot: null,
    invalidStored: [],
  };
}

/** Readable one-line summary of zod issues ("channels.0.timezone: must be an IANA time zone …"). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

// The settings shapes are defined by the core (core/settings-port.ts), which may import nothing above it.
export type { ChannelSettings, PauseInfo, SettingField, SettingSource, SettingsPatch, StoredProblem } from '../core/settings-port.js';

/** Compile-time proof that the zod schema and the core's types describe the same fields and values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesCore: Same<z.infer<typeof settingsPatchSchema>, SettingsPatch> & Same<keyof z.infer<typeof settingsFieldsSchema>, SettingField> = true;
void schemaMatchesCore;
