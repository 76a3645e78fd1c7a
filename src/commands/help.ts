import type { Command, CommandSpec } from '../core/command-spec.js';
import { usageOf } from '../core/command-spec.js';
import { platformCommandName, UMBRELLA_COMMAND } from '../core/command-names.js';
import { makeReply, type Reply } from '../core/reply.js';

/** `/help [command]`: generated from the command specs, so it can never drift from what exists. */
export const helpCommand: Command = {
  spec: {
    name: 'help',
    description: 'What newsdesk can do, and how to ask.',
    args: [{ name: 'command', description: 'A command to explain', required: false, maxLength: 40 }],
    adminOnly: false,
    examples: ['', 'brief'],
  },
  handle(inv, services) {
    return helpReply(services.specs(), services.commandPrefix, inv.args.trim().toLowerCase().replace(/^\//, ''));
  },
};

export function helpReply(specs: readonly CommandSpec[], prefix: string, only = ''): Reply {
  const slash = (s: CommandSpec) => `/${platformCommandName(s.name, prefix)}`;
  const one = only ? specs.find((s) => s.name === only) : undefined;
  if (one) {
    return makeReply({
      title: `${slash(one)} — ${one.description}`,
      sections: [
        {
          fields: [
            { label: 'Usage', value: `/${platformCommandName(usageOf(one), prefix)}` },
            ...one.args.map((a) => ({ label: a.name, value: `${a.description}${a.required ? '' : ' (optional)'}` })),
            ...(one.examples.length ? [{ label: 'Examples', value: one.examples.map((e) => `${slash(one)} ${e}`.trim()).join('\n') }] : []),
          ],
        },
      ],
      footer: one.adminOnly ? 'Admins only.' : undefined,
    });
  }
  const everyone = specs.filter((s) => !s.adminOnly);
  const admin = specs.filter((s) => s.adminOnly);
  const line = (s: CommandSpec) => ({ label: `/${platformCommandName(usageOf(s), prefix)}`, value: s.description });
  return makeReply({
    title: 'newsdesk — your news desk in chat',
    intro: only ? `There is no command called “${only.slice(0, 40)}”. Here is everything newsdesk can do:` : 'Briefings, people and quotes from the articles your team follows.',
    sections: [
      { heading: 'Commands', fields: everyone.map(line) },
      ...(admin.length ? [{ heading: 'Channel settings (admins)', fields: admin.map(line) }] : []),
    ],
    footer: `Every command also works as /${UMBRELLA_COMMAND} <command> …, e.g. /${UMBRELLA_COMMAND} brief colombia. Add “share” to post the answer to the channel.`,
  });
}
