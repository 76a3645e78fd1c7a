import type { Command } from '../core/command-spec.js';
import type { CommandInvocation } from '../core/invocation.js';
import { errorReply, makeReply, type Reply } from '../core/reply.js';
import type { CoreServices } from '../core/services.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import type { ChannelSettings } from '../settings/channel-settings.js';
import { confirmationReply, isReply, settingsOf, sourceLabel, splitConfirm, splitFirstWord } from '../settings/command-helpers.js';
import { formatInZone, parseSchedule } from '../settings/friendly-schedule.js';
import { isSchedulePause, scheduleProblem } from '../settings/schedule-check.js';

/**
 * `/newsdesk schedule set|show|off`: when this channel's digest is posted.
 * Open to everyone because `show` is; `set` and `off` check
 * `actor.isAdmin` in the handler, and `off` asks for confirmation.
 */
export const scheduleCommand: Command = {
  spec: {
    name: 'schedule',
    description: "When this channel's digest is posted: `schedule show` (anyone), `schedule set <when>` and `schedule off` (admins only).",
    args: [{ name: 'action', description: 'show, set <daily 08:30 | weekdays 09:00 | mondays 07:00 | cron>, or off', required: false, rest: true, maxLength: 120 }],
    adminOnly: false,
    adminByDefault: true,
    examples: ['show', 'set weekdays 09:00', 'set */30 * * * *', 'off'],
    usage: 'schedule show | schedule set <when> | schedule off',
  },
  handle(inv, services) {
    const { word, rest } = splitFirstWord(inv.args);
    if (word === '' || word === 'show') return showSchedule(inv, services);
    if (word !== 'set' && word !== 'off') return errorReply('Unknown schedule action', `Use show, set or off, e.g. /newsdesk schedule set weekdays 09:00.`);
    if (!inv.actor.isAdmin) return adminRefusal(`schedule ${word}`);
    return word === 'set' ? setSchedule(rest, inv, services) : scheduleOff(rest, inv, services);
  },
};

/** "Next runs: Mon 2 Mar 2026, 09:00 (America/Bogota) · …" */
export function nextRunsText(services: CoreServices, s: Pick<ChannelSettings, 'schedule' | 'timezone'>, count = 3): string | null {
  const runs = services.digests?.nextRuns(s, count) ?? [];
  return runs.length ? runs.map((d) => formatInZone(d, s.timezone)).join('\n') : null;
}

async function showSchedule(inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const s = await store.get(inv.channel);
  const parsed = s.schedule ? parseSchedule(s.schedule) : null;
  if (!parsed) {
    return makeReply({ kind: 'empty', title: 'No digest schedule', intro: 'This channel has no scheduled digest.', sections: [{ text: 'An admin can set one with /newsdesk schedule set weekdays 09:00.' }] });
  }
  const next = nextRunsText(services, s);
  return makeReply({
    title: `Digest ${parsed.label}`,
    sections: [
      {
        fields: [
          { label: 'Schedule', value: `${s.schedule} (${sourceLabel(s.sources.schedule)})`, inline: true },
          { label: 'Time zone', value: `${s.timezone} (${sourceLabel(s.sources.timezone)})`, inline: true },
          ...(next ? [{ label: 'Next runs', value: next }] : []),
        ],
      },
    ],
    footer: !s.enabled ? 'Digests are switched off for this channel (/newsdesk digest on).' : s.paused ? `Paused: ${s.paused.reason}` : undefined,
  });
}

async function setSchedule(text: string, inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const parsed = parseSchedule(text);
  if (!parsed) {
    return errorReply('I could not read that schedule', `“${text.slice(0, 60)}” is not a schedule I understand.`, 'Try daily 08:30, weekdays 09:00, mondays 07:00, every 30 minutes, or a 5-field cron expression such as 0 9 * * 1-5.');
  }
  const current = await store.get(inv.channel);
  const problem = scheduleProblem(text.trim(), current.timezone);
  if (problem) {
    return errorReply('That schedule would never run', `Nothing changed: ${problem}.`, 'Try daily 08:30, weekdays 09:00, mondays 07:00, or a cron expression that matches a real date, such as 0 9 1 * * (the 1st of each month).');
  }
  const now = services.clock.now();
  const s = await store.update(inv.channel, { schedule: text.trim(), enabled: true }, 'chat', now);
  // A pause caused by the old schedule no longer applies; lifted after the fix, so no re-plan in between sees the old schedule unpaused.
  if (isSchedulePause(current.paused?.reason)) await store.setPaused(inv.channel, null, now);
  const next = nextRunsText(services, s);
  return makeReply({
    title: `Digest scheduled ${parsed.label}`,
    intro: `Time zone: ${s.timezone}.${s.topics.length ? '' : ' This channel follows no topics yet: add some with /newsdesk topics add colombia.'}`,
    sections: next ? [{ fields: [{ label: 'Next runs', value: next }] }] : [],
  });
}

async function scheduleOff(rest: string, inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const s = await store.get(inv.channel);
  if (!s.schedule) return makeReply({ title: 'No digest schedule', intro: 'This channel has no scheduled digest, so there is nothing to switch off.', sections: [] });
  if (!splitConfirm(rest).confirmed) {
    return confirmationReply('schedule', 'off', 'Stop the scheduled digest?', `This channel will stop getting its digest (${s.schedule}, ${s.timezone}). Topics stay as they are.`);
  }
  await store.update(inv.channel, { schedule: null }, 'chat', services.clock.now());
  return makeReply({ title: 'Digest schedule removed', intro: 'No more scheduled digests here. /newsdesk schedule set <when> brings them back.', sections: [] });
}
