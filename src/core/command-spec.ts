import type { CommandInvocation } from './invocation.js';
import type { Reply } from './reply.js';
import type { CoreServices } from './services.js';

/** Where an adapter may look for autocomplete suggestions for an argument. */
export type AutocompleteSource = 'topics' | 'entities' | 'people';

/** One declared argument. Platform manifests (Slack usage hints, Discord options) are generated from these. */
export interface ArgSpec {
  name: string;
  description: string;
  required: boolean;
  /** The argument swallows the rest of the line ("colombia peace talks"). */
  rest?: boolean;
  /** Allowed values, when the argument is a choice. */
  choices?: readonly string[];
  autocomplete?: AutocompleteSource;
  /** Maximum length accepted; longer input gets a friendly error, never a crash. */
  maxLength?: number;
}

/** Declarative description of a command: what it is called, what it takes, who may run it. */
export interface CommandSpec {
  name: string;
  description: string;
  args: readonly ArgSpec[];
  adminOnly: boolean;
  /**
   * A settings command whose changes need an admin but whose read-only forms
   * ("schedule show") do not: platforms that can (Discord's
   * default_member_permissions) offer it to admins by default, while everyone
   * can still read through `/newsdesk <command> …` and `/status`.
   */
  adminByDefault?: boolean;
  /** Example argument strings, shown in help ("colombia", "venezuela 7d"). */
  examples: readonly string[];
  /** Sub-commands are written as the first word of args (e.g. "topics add x"); for help only. */
  usage?: string;
}

/** A command: its spec plus a handler that returns a Reply and never touches a platform API. */
export interface Command {
  spec: CommandSpec;
  handle(inv: CommandInvocation, services: CoreServices): Reply | Promise<Reply>;
}

/** Usage line generated from the spec ("brief <topic> [since]"). */
export function usageOf(spec: CommandSpec): string {
  if (spec.usage) return spec.usage;
  const parts = spec.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`));
  return [spec.name, ...parts].join(' ');
}
