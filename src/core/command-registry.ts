import { distance } from 'fastest-levenshtein';
import type { AutocompleteSource, Command, CommandSpec } from './command-spec.js';
import { usageOf } from './command-spec.js';
import type { CommandRouter } from './adapter.js';
import { boundArgs, MAX_ARGS_LENGTH, MAX_NAME_LENGTH } from './argument-limits.js';
import { isNewsdeskError } from './errors.js';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig, RateLimiter } from './rate-limiter.js';
import type { CommandInvocation, Platform } from './invocation.js';
import { errorReply, type Reply } from './reply.js';
import type { CoreServices } from './services.js';

export { MAX_ARGS_LENGTH } from './argument-limits.js';

/** Logger shape the core uses; the composition root decides where lines go. */
export interface CoreLogger {
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** Options for the command bus. */
export interface CommandRegistryOptions {
  /** Per-user and per-channel command limits; `false` turns limiting off. */
  rateLimits?: RateLimitConfig | false;
  /**
   * Platforms exempt from rate limits: the local console and CLI have one
   * operator at the keyboard (and piped scripts), no other users to protect.
   */
  unlimitedPlatforms?: readonly Platform[];
}

/**
 * The command bus: looks up a command by name, checks arguments and
 * permissions from its declarative spec, runs the handler and turns every
 * failure into a friendly Reply. Nothing here knows about any platform.
 * Nothing a user types runs unbounded: each person and channel has a rate
 * limit, and arguments are cut to the command's limit before any regex or
 * handler sees them.
 */
export class CommandRegistry implements CommandRouter {
  private readonly byName = new Map<string, Command>();
  private readonly limiter: RateLimiter | null;
  private readonly unlimited: ReadonlySet<Platform>;

  constructor(
    commands: readonly Command[],
    private readonly services: () => CoreServices,
    private readonly logger: CoreLogger = { error: () => undefined },
    options: CommandRegistryOptions = {},
  ) {
    for (const c of commands) {
      if (this.byName.has(c.spec.name)) throw new Error(`duplicate command ${c.spec.name}`);
      this.byName.set(c.spec.name, c);
    }
    const limits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
    // The clock is read through services on each call, so tests and the composition root inject one clock.
    this.limiter = limits === false ? null : new RateLimiter(limits, { now: () => this.services().clock.now() });
    this.unlimited = new Set(options.unlimitedPlatforms ?? ['console', 'cli']);
  }

  specs(): readonly CommandSpec[] {
    return [...this.byName.values()].map((c) => c.spec);
  }

  get(name: string): Command | undefined {
    return this.byName.get(name);
  }

  async run(raw: CommandInvocation): Promise<Reply> {
    const limited = this.rateCheck(raw);
    if (limited) return limited;
    const name = raw.name.slice(0, MAX_NAME_LENGTH);
    const cmd = this.byName.get(name);
    if (!cmd) return this.unknown(name);
    const { args, tooLong } = boundArgs(cmd.spec, raw.args);
    if (tooLong) return errorReply(`/${cmd.spec.name}: ${tooLong}`, `Usage: ${usageOf(cmd.spec)}`, examplesLine(cmd.spec));
    const inv: CommandInvocation = { ...raw, name, args };
    const problem = checkArgs(cmd.spec, args);
    if (problem) return errorReply(`/${cmd.spec.name}: ${problem}`, `Usage: ${usageOf(cmd.spec)}`, examplesLine(cmd.spec));
    if (cmd.spec.adminOnly && !inv.actor.isAdmin) {
      return errorReply('Only admins can do that', `\`${cmd.spec.name}\` changes settings for everyone in this channel, so it is limited to admins.`, 'You can still read settings and use /brief, /who and /quotes.');
    }
    try {
      return await cmd.handle(inv, this.services());
    } catch (e) {
      if (isNewsdeskError(e) && e.code !== 'internal') return errorReply('That did not work', e.message);
      this.logger.error('command failed', { command: inv.name, error: (e as Error).stack ?? String(e) });
      return errorReply('Something went wrong', 'newsdesk hit an unexpected problem answering that. It has been logged; please try again.');
    }
  }

  /** A polite, private refusal when this person or channel is over its limit; null when the command may run. */
  private rateCheck(inv: CommandInvocation): Reply | null {
    if (!this.limiter || this.unlimited.has(inv.platform)) return null;
    const decision = this.limiter.take(`${inv.platform}:${inv.actor.id}`, inv.channel);
    if (decision.allowed) return null;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    const text = decision.scope === 'user' ? `You're sending commands quickly — try again in ${seconds} s.` : `This channel is sending a lot of commands right now — try again in ${seconds} s.`;
    return { ...errorReply(text, 'newsdesk limits how fast commands can be sent so everyone keeps getting answers.'), visibility: 'private' };
  }

  complete(source: AutocompleteSource, prefix: string, limit: number): string[] {
    // Autocomplete runs on every keystroke: bound what the corpus is asked to match.
    return this.services().corpus.complete(source, prefix.slice(0, MAX_NAME_LENGTH * 5), Math.max(0, Math.min(limit, 25)));
  }

  private unknown(name: string): Reply {
    const names = [...this.byName.keys()];
    const close = names.filter((n) => distance(n, name) <= 2 || n.startsWith(name.slice(0, 3)));
    const hint = close.length ? `Did you mean ${close.map((n) => `/${n}`).join(' or ')}?` : undefined;
    return errorReply(`Unknown command “${name.slice(0, 40)}”`, `Try one of: ${names.map((n) => `/${n}`).join(', ')}.`, hint);
  }
}

/** Check the raw argument text against the spec; returns a human problem or null. */
export function checkArgs(spec: CommandSpec, args: string): string | null {
  // Run bounds arguments first (boundArgs); this stays a complete check for direct callers.
  if (args.length > MAX_ARGS_LENGTH) return `that is ${args.length} characters; please keep it under ${MAX_ARGS_LENGTH}.`;
  const required = spec.args.filter((a) => a.required);
  if (required.length && !args.trim()) return `please give ${required.map((a) => `a ${a.name}`).join(' and ')}.`;
  for (const a of spec.args) {
    if (a.maxLength && args.length > a.maxLength) return `the ${a.name} can be at most ${a.maxLength} characters.`;
  }
  return null;
}

function examplesLine(spec: CommandSpec): string | undefined {
  return spec.examples.length ? `Examples: ${spec.examples.map((e) => `/${spec.name} ${e}`.trim()).join(' · ')}` : undefined;
}
