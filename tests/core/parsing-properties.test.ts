import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argLimitOf, boundArgs, MAX_ARGS_LENGTH } from '../../src/core/argument-limits.js';
import { resolveCommand, UMBRELLA_COMMAND } from '../../src/core/command-names.js';
import { CommandRegistry } from '../../src/core/command-registry.js';
import type { Command, CommandSpec } from '../../src/core/command-spec.js';
import { fixedClock } from '../../src/core/clock.js';
import type { CoreServices } from '../../src/core/services.js';
import { makeReply } from '../../src/core/reply.js';
import { splitTopicAndWindow } from '../../src/core/time-window.js';
import { splitConfirm, splitFirstWord } from '../../src/settings/command-helpers.js';
import { parseSchedule } from '../../src/settings/friendly-schedule.js';
import { checkTimezone } from '../../src/settings/time-zones.js';

/**
 * Properties of everything that parses what people type: for any input
 * (any Unicode, any length, padding, control characters) nothing throws and
 * no handler ever sees arguments longer than its command's limit.
 */

/** Any text: full Unicode, sometimes huge, sometimes padded, sometimes a known command word in front. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 2_000 }),
  fc.tuple(fc.constantFrom('', ' ', '\n\t ', ' '.repeat(3_000)), fc.string({ maxLength: 50 }), fc.nat({ max: 5_000 })).map(([pad, s, n]) => `${pad}${s}${'x'.repeat(n)}${pad}`),
  fc.tuple(fc.constantFrom('brief', 'who', 'BRIEF', 'topics', 'newsdesk'), fc.string({ unit: 'binary', maxLength: 700 })).map(([w, s]) => `${w} ${s}`),
);

const spec = (maxLength?: number): CommandSpec => ({ name: 'echo', description: 'echo', args: [{ name: 'text', description: 't', required: false, rest: true, maxLength }], adminOnly: false, examples: [] });
const specs = fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }).map(spec);

describe('parsing never throws and stays within limits', () => {
  it('boundArgs: output is trimmed and never longer than the limit; untouched when it fits', () => {
    fc.assert(
      fc.property(specs, anyText, (s, raw) => {
        const { args, tooLong } = boundArgs(s, raw);
        expect(args.length).toBeLessThanOrEqual(argLimitOf(s));
        expect(argLimitOf(s)).toBeLessThanOrEqual(MAX_ARGS_LENGTH);
        if (tooLong === null) expect(args).toBe(raw.trim());
        // Refused only when the input really is longer than the limit (huge padding counts: work stays bounded).
        else expect(raw.length).toBeGreaterThan(argLimitOf(s));
      }),
      { numRuns: 300 },
    );
  });

  it('resolveCommand: never throws; names are lower-case words and args are trimmed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(UMBRELLA_COMMAND), fc.constant('/nd-brief'), fc.string({ maxLength: 60 })), anyText, fc.constantFrom('', 'nd-'), (name, text, prefix) => {
        const r = resolveCommand(name, text, prefix, ['brief', 'who']);
        if (r === null) return;
        expect(r.name).toBe(r.name.toLowerCase());
        expect(r.name).not.toMatch(/\s/);
        expect(r.args).toBe(r.args.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('the registry: any name and arguments give a Reply; a handler never sees more than its limit', async () => {
    const seen: number[] = [];
    const echo: Command = { spec: spec(120), handle: (inv) => (seen.push(inv.args.length), makeReply({ title: 'ok', sections: [] })) };
    const services = { corpus: {} as CoreServices['corpus'], clock: fixedClock('2026-03-02T12:00:00Z'), specs: () => [], commandPrefix: '' } as CoreServices;
    const registry = new CommandRegistry([echo], () => services, undefined, { rateLimits: false });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('echo'), fc.string({ unit: 'binary', maxLength: 80 })), anyText, async (name, args) => {
        const reply = await registry.run({ name, args, actor: { id: 'U1', isAdmin: false }, channel: 'slack:T1:C1', platform: 'slack' });
        expect(reply.text.length).toBeGreaterThan(0);
        expect(reply.text.length).toBeLessThan(5_000);
      }),
      { numRuns: 300 },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(120);
  });

  it('sub-command and value parsers never throw on any text', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    fc.assert(
      fc.property(anyText, (raw) => {
        const text = boundArgs(spec(), raw).args;
        const c = splitConfirm(text);
        expect(c.rest.length).toBeLessThanOrEqual(text.length);
        const w = splitFirstWord(text);
        expect(w.word).not.toMatch(/\s/);
        splitTopicAndWindow(text, now);
        parseSchedule(text);
        expect(typeof checkTimezone(text).ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
