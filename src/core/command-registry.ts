import { distance } from 'fastest-levenshtein';
import type { AutocompleteSource, Command, CommandSpec } from './command-spec.js';
import { usageOf } from './command-spec.js';
import type { CommandRouter } from './adapter.js';
import { isNewsdeskError } from './errors.js';
import type { CommandInvocation } from './invocation.js';
import { errorReply, type Reply } from './reply.js';
import type { CoreServices } from './services.js';

/** Longest argument text we accept; anything longer is a paste accident, not a query. */
export const MAX_ARGS_LENGTH = 500;

/** Logger shape the core uses; the composition root decides where lines go. */
export interface CoreLogger {
  error(msg: string, meta?: Record<string, unknown>): void;
}

/**
 * The command bus: looks up a command by name, checks arguments and
 * permissions from its declarative spec, runs the handler and turns every
 * failure into a friendly Reply. Nothing here knows about any platform.
 */
export class CommandRegistry implements CommandRouter {
  private readonly byName = new Map<string, Command>();

  constructor(
    commands: readonly Command[],
    private readonly services: () => CoreServices,
    private readonly logger: CoreLogger = { error: () => undefined },
  ) {
    for (const c of commands) {
      if (this.byName.has(c.spec.name)) throw new Error(`duplicate command ${c.spec.name}`);
      this.byName.set(c.spec.name, c);
    }
  }

  specs(): readonly CommandSpec[] {
    return [...this.byName.values()].map((c) => c.spec);
  }

  get(name: string): Command | undefined {
    return this.byName.get(name);
  }

  async run(inv: CommandInvocation): Promise<Reply> {
    const cmd = this.byName.get(inv.name);
    if (!cmd) return this.unknown(inv.name);
    const problem = checkArgs(cmd.spec, inv.args);
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

  complete(source: AutocompleteSource, prefix: string, limit: number): string[] {
    return this.services().corpus.complete(source, prefix, limit);
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
