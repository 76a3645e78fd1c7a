import { describe, expect, it, vi } from 'vitest';
import { allCommands } from '../../src/commands/index.js';
import { platformCommandName, resolveCommand, UMBRELLA_COMMAND } from '../../src/core/command-names.js';
import { checkArgs, CommandRegistry, MAX_ARGS_LENGTH } from '../../src/core/command-registry.js';
import type { Command } from '../../src/core/command-spec.js';
import { usageOf } from '../../src/core/command-spec.js';
import { fixedClock } from '../../src/core/clock.js';
import { NewsdeskError } from '../../src/core/errors.js';
import type { CommandInvocation } from '../../src/core/invocation.js';
import { makeReply } from '../../src/core/reply.js';
import type { CoreServices } from '../../src/core/services.js';

const echo: Command = {
  spec: {
    name: 'brief',
    description: 'Echo a topic',
    args: [{ name: 'topic', description: 'topic', required: true, rest: true, maxLength: 200 }],
    adminOnly: false,
    examples: ['colombia'],
  },
  handle: (inv) => makeReply({ title: `Brief on ${inv.args}`, sections: [] }),
};
const who: Command = {
  spec: { name: 'who', description: 'Who', args: [{ name: 'name', description: 'n', required: true }], adminOnly: false, examples: [] },
  handle: (inv) => makeReply({ title: `Who ${inv.args}`, sections: [] }),
};
const topics: Command = {
  spec: { name: 'topics', description: 'Change topics', args: [{ name: 'change', description: 'c', required: false }], adminOnly: true, examples: [] },
  handle: () => makeReply({ title: 'Topics changed', sections: [] }),
};
const boom: Command = {
  spec: { name: 'boom', description: 'Throws', args: [], adminOnly: false, examples: [] },
  handle: () => {
    throw new TypeError('cannot read properties of undefined (secret internals)');
  },
};
const rejects: Command = {
  spec: { name: 'rejects', description: 'Rejects', args: [], adminOnly: false, examples: [] },
  handle: async () => {
    throw new NewsdeskError('not_found', 'No such channel setting.');
  },
};

const services = { corpus: {} as CoreServices['corpus'], clock: fixedClock('2024-01-01T00:00:00Z'), specs: () => [], commandPrefix: '' } as CoreServices;

function registry(logger = { error: vi.fn() }) {
  return { reg: new CommandRegistry([echo, who, topics, boom, rejects], () => services, logger), logger };
}

const inv = (name: string, args = '', isAdmin = false): CommandInvocation => ({ name, args, actor: { id: 'U1', isAdmin }, channel: 'console:test', platform: 'console' });

describe('CommandRegistry', () => {
  it('runs a known command', async () => {
    const r = await registry().reg.run(inv('brief', 'colombia'));
    expect(r.kind).toBe('answer');
    expect(r.title).toBe('Brief on colombia');
  });

  it('an unknown command gets a helpful error with a suggestion', async () => {
    const r = await registry().reg.run(inv('breif', 'colombia'));
    expect(r.kind).toBe('error');
    expect(r.title).toMatch(/Unknown command/);
    expect(r.text).toContain('Did you mean /brief');
    expect(r.text).toContain('/who');
  });

  it('an unknown command with nothing close still lists the commands', async () => {
    const r = await registry().reg.run(inv('xyzzyplugh'));
    expect(r.kind).toBe('error');
    expect(r.text).not.toContain('Did you mean');
    expect(r.text).toContain('/brief');
  });

  it('empty required arguments get a usage reply', async () => {
    for (const args of ['', '   ']) {
      const r = await registry().reg.run(inv('brief', args));
      expect(r.kind).toBe('error');
      expect(r.text).toContain('please give a topic');
      expect(r.text).toContain('Usage: brief <topic>');
      expect(r.text).toContain('/brief colombia');
    }
  });

  it('10,000-character arguments get a friendly error, not an exception', async () => {
    const r = await registry().reg.run(inv('brief', 'x'.repeat(10_000)));
    expect(r.kind).toBe('error');
    expect(r.text).toContain('10000 characters');
    expect(r.text).toContain(String(MAX_ARGS_LENGTH));
  });

  it('enforces an argument maxLength below the global limit', () => {
    expect(checkArgs(echo.spec, 'y'.repeat(201))).toMatch(/at most 200/);
    expect(checkArgs(echo.spec, 'y'.repeat(200))).toBeNull();
  });

  it('refuses an admin-only command for a non-admin and runs it for an admin', async () => {
    const { reg } = registry();
    const refused = await reg.run(inv('topics', 'add x', false));
    expect(refused.kind).toBe('error');
    expect(refused.title).toMatch(/admins/i);
    const ok = await reg.run(inv('topics', 'add x', true));
    expect(ok.title).toBe('Topics changed');
  });

  it('a handler that throws becomes a generic error reply and is logged', async () => {
    const { reg, logger } = registry();
    const r = await reg.run(inv('boom'));
    expect(r.kind).toBe('error');
    expect(r.title).toBe('Something went wrong');
    expect(r.text).not.toContain('secret internals');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][1]).toMatchObject({ command: 'boom' });
  });

  it('a NewsdeskError from a handler shows its own message', async () => {
    const r = await registry().reg.run(inv('rejects'));
    expect(r.kind).toBe('error');
    expect(r.text).toContain('No such channel setting.');
  });

  it('rejects duplicate command names at construction', () => {
    expect(() => new CommandRegistry([echo, echo], () => services)).toThrow(/duplicate/);
  });

  it('the real commands all have unique names, descriptions and generated usage', () => {
    const reg = new CommandRegistry(allCommands, () => services);
    const names = reg.specs().map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ['brief', 'who', 'quotes', 'topics', 'help']) expect(names).toContain(n);
    for (const s of reg.specs()) {
      expect(s.description.length).toBeGreaterThan(5);
      expect(usageOf(s).startsWith(s.name)).toBe(true);
    }
  });
});

describe('command names', () => {
  const known = ['brief', 'who', 'help'];
  it('applies the platform prefix', () => {
    expect(platformCommandName('brief', 'nd-')).toBe('nd-brief');
    expect(resolveCommand('/nd-brief', ' colombia ', 'nd-', known)).toEqual({ name: 'brief', args: 'colombia' });
    expect(resolveCommand('/brief', 'colombia', 'nd-', known)).toBeNull();
    expect(resolveCommand('/nd-unknown', 'x', 'nd-', known)).toBeNull();
  });

  it('the umbrella command always works', () => {
    expect(resolveCommand(`/${UMBRELLA_COMMAND}`, 'Brief colombia peace', 'nd-', known)).toEqual({ name: 'brief', args: 'colombia peace' });
    expect(resolveCommand(UMBRELLA_COMMAND, '   ', '', known)).toEqual({ name: 'help', args: '' });
  });
});
