/**
 * The channel-settings surface the core hands to command handlers. The
 * settings module implements it (SQLite store, zod validation) and checks at
 * compile time that its schema produces exactly these shapes.
 */

/** Names of the editable fields. */
export type SettingField = 'topics' | 'feeds' | 'schedule' | 'timezone' | 'maxStories' | 'postWhenEmpty' | 'enabled';

/** Where a setting's current value came from, for `status`. */
export type SettingSource = 'default' | 'file' | 'chat';

/** A partial update of a channel's settings (validated by the store). */
export interface SettingsPatch {
  topics?: string[];
  /** Feed URLs the channel follows. */
  feeds?: string[];
  /** Friendly form ("weekdays 09:00") or a 5-field cron expression; null = no schedule. */
  schedule?: string | null;
  timezone?: string;
  maxStories?: number;
  postWhenEmpty?: boolean;
  enabled?: boolean;
}

/** Why a channel's digests are paused (a platform kept refusing them, or the schedule cannot run). */
export interface PauseInfo {
  reason: string;
  at: string;
}

/** A stored value that failed validation when read back. */
export interface StoredProblem {
  /** The field, or null when the whole stored record is unreadable. */
  field: SettingField | null;
  /** Human description ("stored timezone \"EST\" must be an IANA time zone …"). */
  message: string;
}

/** The full, effective settings of one channel. */
export interface ChannelSettings {
  address: string;
  topics: string[];
  feeds: string[];
  schedule: string | null;
  timezone: string;
  maxStories: number;
  postWhenEmpty: boolean;
  enabled: boolean;
  /** Provenance per field; fields never set are 'default'. */
  sources: Record<SettingField, SettingSource>;
  paused: PauseInfo | null;
  /** The next slot the scheduler planned, persisted so missed slots can be detected after downtime. */
  nextSlot: string | null;
  /**
   * Stored values that no longer validate (a hand-edited row, or a zone the
   * rules now refuse). Such a field reads as its default; the scheduler
   * pauses the channel rather than guess.
   */
  invalidStored: StoredProblem[];
}

/** Called after a channel's settings changed, so the scheduler can re-plan its job. */
export type SettingsListener = (address: string) => void;

/** What applying a channels-file entry did (chat edits win over the file). */
export interface FileApplyReport {
  /** Fields written from the file. */
  applied: number;
  /** Fields left alone because an admin changed them in chat. */
  keptFromChat: number;
}

/**
 * Persistent channel settings with per-field provenance. Asynchronous so
 * that a shared database (PostgreSQL) can implement it; the embedded SQLite
 * store answers with already-resolved promises.
 */
export interface SettingsStore {
  /** Effective settings; defaults when the channel was never configured. */
  get(address: string): Promise<ChannelSettings>;
  /** Every channel that has stored settings, by address. */
  list(): Promise<ChannelSettings[]>;
  /** Validate and apply a patch, recording `source` as each field's provenance. */
  update(address: string, patch: SettingsPatch, source: Exclude<SettingSource, 'default'>, now: Date): Promise<ChannelSettings>;
  /**
   * Apply a channels-file entry: every field not set in chat takes the file's
   * value, atomically, so several processes seeding at once agree and an
   * admin's concurrent chat edit is never overwritten.
   */
  applyFile(address: string, patch: SettingsPatch, now: Date): Promise<FileApplyReport>;
  /** Pause (reason) or resume (null) a channel's digests. */
  setPaused(address: string, reason: string | null, now: Date): Promise<void>;
  /** Remember the next planned slot (ISO) or clear it. */
  setNextSlot(address: string, slot: string | null): Promise<void>;
  /** Listen for changes made through this store object (other processes' changes are not seen). */
  subscribe(listener: SettingsListener): () => void;
}
