import type { Command } from '../core/command-spec.js';
import type { CommandInvocation } from '../core/invocation.js';
import type { CoreServices } from '../core/services.js';
import { errorReply, makeReply, type Reply } from '../core/reply.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import type { ChannelSettings } from '../settings/channel-settings.js';
import { confirmationReply, isReply, settingsOf, sourceLabel, splitConfirm } from '../settings/command-helpers.js';
import { formatInZone } from '../settings/friendly-schedule.js';
import { isSchedulePause, scheduleProblem } from '../settings/schedule-check.js';
import { checkTimezone, suggestionText } from '../settings/time-zones.js';
import { nextRunsText } from './schedule.js';

/**
 * `/newsdesk timezone [zone]`: show (anyone) or change (admins) the IANA
 * zone digests are scheduled in. Only region-style IANA names are accepted
 * (abbreviations get suggestions), and every change is shown first and
 * applied only when confirmed, as the README promises.
 */
export const timezoneCommand: Command = {
  spec: {
    name: 'timezone',
    description: "The time zone of this channel's digest schedule; changing it is admin-only (checked in the handler).",
    args: [{ name: 'zone', description: 'An IANA time zone, e.g. America/Bogota', required: false, maxLength: 80 }],
    adminOnly: false,
    adminByDefault: true,
    examples: ['', 'America/Bogota', 'Europe/Madrid'],
    usage: 'timezone [zone]',
  },
  async handle(inv, services) {
    const store = settingsOf(services);
    if (isReply(store)) return store;
    const s = await store.get(inv.channel);
    const { rest, confirmed } = splitConfirm(inv.args);
    if (!rest) {
      return makeReply({ title: `Time zone: ${s.timezone}`, intro: `(${sourceLabel(s.sources.timezone)}) It is now ${formatInZone(services.clock.now(), s.timezone)}.`, sections: [] });
    }
    if (!inv.actor.isAdmin) return adminRefusal('timezone');
    const checked = checkTimezone(rest);
    if (!checked.ok) {
      const hint = suggestionText(checked.suggestions);
      return errorReply('Unknown time zone', `${capitalise(checked.reason)}.`, `${hint ? `${hint} ` : ''}Use names like America/Bogota, Europe/Madrid, Asia/Tokyo or UTC.`);
    }
    const zone = checked.zone;
    const storedBad = s.invalidStored.some((p) => p.field === 'timezone');
    if (zone === s.timezone && !storedBad) return makeReply({ title: `Time zone is already ${zone}`, sections: [] });
    const problem = scheduleProblem(s.schedule, zone);
    if (problem) return errorReply('That zone would stop the digest', `Nothing changed: ${problem}.`, 'Change the schedule first (/newsdesk schedule set …), or pick another zone.');
    if (!confirmed) return confirmationReply('timezone', zone, `Change the time zone to ${zone}?`, describeChange(s, zone, services));
    return applyZone(zone, inv, services, s);
  },
};

/** What the change does: where the next digest moves, or that no run is affected. */
function describeChange(s: ChannelSettings, zone: string, services: CoreServices): string {
  const from = `Digest times will be read in ${zone} instead of ${s.timezone}.`;
  if (!s.schedule || !s.enabled) return `${from} This channel has no active digest schedule, so no run moves.`;
  const before = services.digests?.nextRuns(s, 1)[0];
  const after = services.digests?.nextRuns({ ...s, timezone: zone }, 1)[0];
  if (!before && !after) return from;
  const was = before ? formatInZone(before, s.timezone) : 'not scheduled';
  const will = after ? formatInZone(after, zone) : 'not scheduled';
  return before?.getTime() === after?.getTime() ? `${from} The next digest stays at ${will}.` : `${from} The next digest moves from ${was} to ${will}.`;
}

async function applyZone(zone: string, inv: CommandInvocation, services: CoreServices, s: ChannelSettings): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const now = services.clock.now();
  const updated = await store.update(inv.channel, { timezone: zone }, 'chat', now);
  // A pause caused by the old (unusable) zone no longer applies; lifted after the fix, so no re-plan in between sees the old zone unpaused.
  if (isSchedulePause(s.paused?.reason)) await store.setPaused(inv.channel, null, now);
  const runs = nextRunsText(services, updated, 1);
  return makeReply({ title: `Time zone set to ${zone}`, intro: runs ? `Next digest: ${runs}.` : undefined, sections: [] });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
