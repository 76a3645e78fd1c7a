import { describe, expect, it } from 'vitest';
import { clampInput, MAX_INPUT_ARGS } from '../../src/adapters/input-limit.js';
import { mentionCommandText, parseCommandLine, parseSlashCommand } from '../../src/adapters/slack/slack-commands.js';
import { toInvocation } from '../../src/adapters/discord/discord-commands.js';
import type { CommandSpec } from '../../src/core/command-spec.js';

/**
 * A 40 KB slash text or @mention is cut to the core's argument limit
 * before the adapters run a regex over it, so parsing cost stays constant.
 */

const known = ['brief', 'who', 'help'];
const specs: CommandSpec[] = [
  { name: 'brief', description: 'b', args: [{ name: 'topic', description: 't', required: true }], adminOnly: false, examples: [] } as unknown as CommandSpec,
];

/** Whitespace runs are the worst case for the `share` suffix regex (lazy prefix + `\s+`). */
const hostile = (n: number) => `colombia${' '.repeat(n)}x`;

/** Best of several trials, so a garbage-collection pause in one trial does not decide the ratio. */
function timeOf(fn: () => void, reps: number, trials = 7): number {
  let best = Infinity;
  for (let k = 0; k < trials; k++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t));
  }
  return best;
}

describe('input limits before parsing', () => {
  it('cuts slash texts, command lines and mentions to the argument limit', () => {
    const big = 'a'.repeat(40_000);
    expect(parseSlashCommand('/brief', big, '', known)!.args.length).toBe(MAX_INPUT_ARGS);
    expect(parseSlashCommand('/newsdesk', `brief ${big}`, '', known)!.args.length).toBe(MAX_INPUT_ARGS);
    expect(parseCommandLine(`brief ${big}`, '', known).args.length).toBe(MAX_INPUT_ARGS);
    const mention = mentionCommandText(`<@UBOT> brief ${big}`, 'UBOT');
    expect(mention.length).toBeLessThanOrEqual(MAX_INPUT_ARGS + 128);
    expect(parseCommandLine(mention, '', known)).toMatchObject({ name: 'brief' });
  });

  it('cuts Discord option values the same way', () => {
    const view = { commandName: 'brief', options: [{ name: 'topic', value: 'b'.repeat(40_000) }], userId: '1', guildId: '2', channelId: '3', permissions: null, roleIds: [] };
    expect(toInvocation(view, specs, '', [])!.invocation.args.length).toBe(MAX_INPUT_ARGS);
  });

  it('never leaves half a surrogate pair', () => {
    expect(clampInput('ab😀', 3)).toBe('ab');
    expect(clampInput('ab😀', 4)).toBe('ab😀');
  });

  it('parsing time does not grow with the input size (4 KB vs 400 KB of whitespace)', () => {
    const small = hostile(4_000);
    const large = hostile(400_000);
    // Strings arrive flat from JSON.parse; build the mention once, outside the timing.
    const run = (s: string) => {
      const m = JSON.parse(JSON.stringify(`<@UBOT> ${s}`)) as string;
      return () => {
        parseSlashCommand('/brief', s, '', known);
        mentionCommandText(m, 'UBOT');
      };
    };
    const fast = run(small);
    const slow = run(large);
    timeOf(fast, 200, 1); // warm up
    timeOf(slow, 200, 1);
    const ratio = timeOf(slow, 500) / timeOf(fast, 500);
    // Unbounded, the lazy `share` regex is quadratic: 100× the input would cost ~10,000×.
    expect(ratio).toBeLessThan(10);
  });
});
