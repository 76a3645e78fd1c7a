import type { Command } from '../core/command-spec.js';
import type { CommandInvocation } from '../core/invocation.js';
import { errorReply, makeReply, type Reply } from '../core/reply.js';
import type { CoreServices } from '../core/services.js';
import { adminRefusal } from '../settings/admin-refusal.js';
import { confirmationReply, isReply, settingsOf, splitConfirm, splitFirstWord } from '../settings/command-helpers.js';
import { channelScheduleProblem } from '../settings/schedule-check.js';

const ACTIONS = ['preview', 'now', 'on', 'off', 'resume', 'stories', 'empty'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * `/newsdesk digest …`: `preview` (anyone; private, nothing posted) and the
 * admin-only `now`, `on`, `off`, `resume`, `stories <n>`, `empty post|quiet`
 * (checked in the handler, since one spec has one `adminOnly`).
 */
export const digestCommand: Command = {
  spec: {
    name: 'digest',
    description: "This channel's digest: `preview` (anyone, private); admins: `now`, `on`, `off`, `resume`, `stories <n>`, `empty post|quiet`.",
    args: [{ name: 'action', description: 'preview, now, on, off, resume, stories <1-25>, empty post|quiet', required: true, rest: true, maxLength: 60 }],
    adminOnly: false,
    adminByDefault: true,
    examples: ['preview', 'now', 'stories 8', 'empty quiet', 'off'],
    usage: 'digest preview|now|on|off|resume|stories <n>|empty post|quiet',
  },
  async handle(inv, services) {
    const { word, rest } = splitFirstWord(inv.args);
    if (!(ACTIONS as readonly string[]).includes(word)) return errorReply('Unknown digest action', `Use one of: ${ACTIONS.join(', ')}.`, 'Example: /newsdesk digest preview');
    const action = word as Action;
    if (action !== 'preview' && !inv.actor.isAdmin) return adminRefusal(`digest ${action}`);
    if (!services.digests && (action === 'preview' || action === 'now')) return errorReply('Digests are not available here', 'This newsdesk process runs without the digest scheduler.');
    if (action === 'preview') return { ...(await services.digests!.preview(inv.channel)), visibility: 'private' };
    if (action === 'now') return runNow(inv, services);
    return changeSetting(action, rest, inv, services);
  },
};

async function runNow(inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  if (services.settings && (await services.settings.get(inv.channel)).topics.length === 0) {
    return errorReply('Nothing to digest yet', 'This channel follows no topics.', 'Add some first: /newsdesk topics add colombia, venezuela');
  }
  const outcome = await services.digests!.runNow(inv.channel);
  if (outcome.status === 'sent') {
    return makeReply({ title: 'Digest posted', intro: `${outcome.storyCount} stor${outcome.storyCount === 1 ? 'y' : 'ies'} posted to this channel.`, sections: [] });
  }
  if (outcome.status === 'duplicate') return makeReply({ title: 'Digest already running', intro: 'A digest for this channel is being posted right now.', sections: [] });
  return errorReply('The digest was not posted', outcome.detail ?? 'Unknown problem.', 'See /newsdesk status for details.');
}

async function changeSetting(action: Exclude<Action, 'preview' | 'now'>, rest: string, inv: CommandInvocation, services: CoreServices): Promise<Reply> {
  const store = settingsOf(services);
  if (isReply(store)) return store;
  const s = await store.get(inv.channel);
  const now = services.clock.now();
  switch (action) {
    case 'on': {
      const problem = channelScheduleProblem(s);
      if (problem) return errorReply('Fix the schedule first', `Digests stay off: ${problem}.`, 'Set a schedule that runs, e.g. /newsdesk schedule set weekdays 09:00 (that also switches digests on).');
      await store.update(inv.channel, { enabled: true }, 'chat', now);
      return makeReply({ title: 'Digests on', intro: s.schedule ? `Scheduled: ${s.schedule} (${s.timezone}).` : 'Set a schedule with /newsdesk schedule set weekdays 09:00.', sections: [] });
    }
    case 'off':
      if (!s.enabled) return makeReply({ title: 'Digests are already off', sections: [] });
      if (!splitConfirm(rest).confirmed) return confirmationReply('digest', 'off', 'Switch digests off?', 'This channel will get no scheduled digests until an admin runs /newsdesk digest on. Topics and schedule are kept.');
      await store.update(inv.channel, { enabled: false }, 'chat', now);
      return makeReply({ title: 'Digests off', intro: 'Topics and schedule are kept; /newsdesk digest on resumes them.', sections: [] });
    case 'resume':
      if (!s.paused) return makeReply({ title: 'Digests are not paused', sections: [] });
      {
        const problem = channelScheduleProblem(s);
        if (problem) return errorReply('Fix the schedule first', `Digests stay paused: ${problem}.`, 'Set a schedule that runs (/newsdesk schedule set weekdays 09:00) or a valid time zone (/newsdesk timezone America/Bogota); that lifts the pause.');
      }
      await store.setPaused(inv.channel, null, now);
      return makeReply({ title: 'Digests resumed', intro: `They had been paused because ${s.paused.reason}.`, sections: [] });
    case 'stories': {
      const n = Number(rest);
      if (!Number.isInteger(n) || n < 1 || n > 25) return errorReply('How many stories?', 'Give a whole number from 1 to 25, e.g. /newsdesk digest stories 5.');
      await store.update(inv.channel, { maxStories: n }, 'chat', now);
      return makeReply({ title: `Digests will show up to ${n} stor${n === 1 ? 'y' : 'ies'}`, sections: [] });
    }
    case 'empty': {
      const v = rest.toLowerCase();
      if (v !== 'post' && v !== 'quiet') return errorReply('Post or stay quiet?', 'Use /newsdesk digest empty post (post “no new stories”) or /newsdesk digest empty quiet.');
      await store.update(inv.channel, { postWhenEmpty: v === 'post' }, 'chat', now);
      return makeReply({ title: v === 'post' ? 'Empty digests will say “no new stories”' : 'Empty digests will stay quiet', sections: [] });
    }
  }
}
