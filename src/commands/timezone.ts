import type { Command } from '../core/command-spec.js';
import { errorReply, makeReply } from '../core/reply.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import { confirmationReply, isReply, settingsOf, sourceLabel, splitConfirm } from '../settings/command-helpers.js';
import { formatInZone, isValidTimezone } from '../settings/friendly-schedule.js';
import { nextRunsText } from './schedule.js';

/**
 * `/newsdesk timezone [zone]`: show (anyone) or change (admins) the IANA
 * zone digests are scheduled in. A change that moves the next digest asks
 * for confirmation first.
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
  handle(inv, services) {
    const store = settingsOf(services);
    if (isReply(store)) return store;
    const s = store.get(inv.channel);
    const { rest, confirmed } = splitConfirm(inv.args);
    if (!rest) {
      return makeReply({ title: `Time zone: ${s.timezone}`, intro: `(${sourceLabel(s.sources.timezone)}) It is now ${formatInZone(services.clock.now(), s.timezone)}.`, sections: [] });
    }
    if (!inv.actor.isAdmin) return adminRefusal('timezone');
    const zone = canonicalZone(rest);
    if (!zone) return errorReply('Unknown time zone', `“${rest.slice(0, 60)}” is not an IANA time zone.`, 'Use names like America/Bogota, Europe/Madrid, Asia/Tokyo or UTC.');
    if (zone === s.timezone) return makeReply({ title: `Time zone is already ${zone}`, sections: [] });
    const before = services.digests?.nextRuns(s, 1)[0];
    const after = services.digests?.nextRuns({ ...s, timezone: zone }, 1)[0];
    const moves = !!s.schedule && s.enabled && before?.getTime() !== after?.getTime();
    if (moves && !confirmed) {
      const was = before ? formatInZone(before, s.timezone) : 'not scheduled';
      const will = after ? formatInZone(after, zone) : 'not scheduled';
      return confirmationReply('timezone', zone, `Change the time zone to ${zone}?`, `The next digest moves from ${was} to ${will}.`);
    }
    const next = store.update(inv.channel, { timezone: zone }, 'chat', services.clock.now());
    const runs = nextRunsText(services, next, 1);
    return makeReply({ title: `Time zone set to ${zone}`, intro: runs ? `Next digest: ${runs}.` : undefined, sections: [] });
  },
};

/** Accept any case ("america/bogota") and return the runtime's canonical spelling. */
function canonicalZone(text: string): string | null {
  const t = text.trim();
  if (!isValidTimezone(t)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: t }).resolvedOptions().timeZone;
}
