import { UMBRELLA_COMMAND } from '../core/command-names.js';
import { errorReply, makeReply, type Reply } from '../core/reply.js';
import type { CoreServices } from '../core/services.js';
import type { SettingSource } from './channel-settings.js';
import type { SettingsStore } from '../core/settings-port.js';

/** Split a trailing "confirm" off the argument text. */
export function splitConfirm(args: string): { rest: string; confirmed: boolean } {
  const m = /^(.*?)(?:\s+|^)confirm$/i.exec(args.trim());
  return m ? { rest: m[1].trim(), confirmed: true } : { rest: args.trim(), confirmed: false };
}

/** Split "add colombia, venezuela" into the first word (lower-cased) and the rest. */
export function splitFirstWord(args: string): { word: string; rest: string } {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  return m ? { word: m[1].toLowerCase(), rest: m[2].trim() } : { word: '', rest: '' };
}

/**
 * The reply for a destructive change before it is applied: what will change,
 * and a Confirm button that re-runs the same command line with "confirm".
 */
export function confirmationReply(command: string, args: string, title: string, change: string): Reply {
  const line = `${UMBRELLA_COMMAND} ${command} ${args}`.trim();
  return makeReply({
    title,
    intro: change,
    sections: [{ text: `Nothing has changed yet. Press Confirm, or type /${line} confirm.` }],
    actions: [{ id: 'confirm', label: 'Confirm', command: `${line} confirm`, style: 'danger' }],
  });
}

/** The settings store, or a friendly error when this process has none. */
export function settingsOf(services: CoreServices): SettingsStore | Reply {
  return services.settings ?? errorReply('Channel settings are not available here', 'This newsdesk process runs without a settings store.');
}

/** True when `x` is a Reply (used to unwrap `settingsOf`). */
export function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 'kind' in x && 'sections' in x;
}

/** "(from config file)", "(set in chat)", "(default)". */
export function sourceLabel(source: SettingSource): string {
  return source === 'file' ? 'from config file' : source === 'chat' ? 'set in chat' : 'default';
}
