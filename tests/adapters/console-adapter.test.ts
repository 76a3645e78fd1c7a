import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter, CONSOLE_ADDRESS } from '../../src/adapters/console/console-adapter.js';
import { buildCore, type Core } from '../../src/app/build-core.js';
import type { CommandInvocation } from '../../src/core/invocation.js';
import { makeReply } from '../../src/core/reply.js';
import type { CommandRouter } from '../../src/core/adapter.js';

/** Collect everything written to a PassThrough. */
function collect(stream: PassThrough): () => string {
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return () => chunks.join('');
}

describe('console adapter over the seed corpus', () => {
  let core: Core;
  beforeAll(async () => {
    core = await buildCore({ dbPath: ':memory:', corpusDir: 'seeds' });
  });
  afterAll(async () => {
    await core.close();
  });

  it('answers every piped line in order and resolves done at end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const read = collect(output);
    const adapter = createConsoleAdapter({ router: core.router, input, output, interactive: false });
    await adapter.start();
    input.end('/brief colombia\n/who blinken\nhelp\n/newsdesk brief venezuela\n');
    await adapter.done;
    const out = read();
    const brief = out.indexOf('Briefing: colombia');
    const whoAnswer = out.search(/blinken/i);
    const help = out.indexOf('newsdesk — your news desk in chat');
    expect(brief).toBeGreaterThanOrEqual(0);
    expect(help).toBeGreaterThan(0);
    // The /who answer comes after the briefing and before help.
    const afterBrief = out.slice(brief);
    const whoStart = afterBrief.search(/\n(Who is “blinken”\?|[^\n]*Blinken[^\n]*)\n=+/);
    expect(whoStart).toBeGreaterThan(0);
    expect(brief + whoStart).toBeLessThan(help);
    expect(whoAnswer).toBeGreaterThanOrEqual(0);
    // Both seed stories are in the briefing (the corpus layer, not NLP quality, guarantees this).
    const briefPart = out.slice(brief, brief + whoStart);
    // The Reuters story is labelled by its publisher (its wire credit); the other names none, so its file stands in.
    expect(briefPart).toContain('Reuters · ');
    expect(briefPart).toContain('001_9257b8249ba33b91.txt');
    expect(briefPart).toContain('Blinken says human rights accountability is critical');
    // The umbrella form answers last, with the venezuela briefing.
    const venezuela = out.indexOf('Briefing: venezuela');
    expect(venezuela).toBeGreaterThan(help);
    expect(out.slice(venezuela)).toContain('Reuters · ');
    expect(out.slice(venezuela)).not.toMatch(/Unknown command/);
    // No prompt in piped mode.
    expect(out).not.toContain('newsdesk>');
  });

  it('keeps answering after bad lines and skips blanks and comments', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const read = collect(output);
    const adapter = createConsoleAdapter({ router: core.router, input, output, interactive: false });
    await adapter.start();
    input.end(`\n# a comment\n/breif colombia\n/brief\n/brief ${'x'.repeat(10_000)}\n/newsdesk help\n`);
    await adapter.done;
    const out = read();
    expect(out).toMatch(/Unknown command/);
    expect(out).toContain('Did you mean /brief');
    expect(out).toMatch(/please give a topic/);
    expect(out).toMatch(/10000 characters/);
    expect(out).toContain('newsdesk — your news desk in chat');
    expect(out).not.toContain('a comment');
  });
});

describe('console adapter mechanics', () => {
  /** A router that records invocations and answers with their name. */
  function fakeRouter(seen: CommandInvocation[], delayMs = 0): CommandRouter {
    return {
      specs: () => [{ name: 'brief', description: 'd', args: [], adminOnly: false, examples: [] }],
      complete: () => [],
      run: async (inv) => {
        seen.push(inv);
        // The first command is slow: answers must still come out in input order.
        if (delayMs && seen.length === 1) await new Promise((r) => setTimeout(r, delayMs));
        return makeReply({ title: `answer:${inv.name}:${inv.args}`, sections: [] });
      },
    };
  }

  it('handles lines strictly in order, with the console operator as admin', async () => {
    const seen: CommandInvocation[] = [];
    const input = new PassThrough();
    const output = new PassThrough();
    const read = collect(output);
    const adapter = createConsoleAdapter({ router: fakeRouter(seen, 50), input, output, interactive: false, commandPrefix: 'nd-' });
    await adapter.start();
    input.end('/nd-brief slow one\nbrief fast two\n/newsdesk brief three\n');
    await adapter.done;
    const out = read();
    const a = out.indexOf('answer:brief:slow one');
    const b = out.indexOf('answer:brief:fast two');
    const c = out.indexOf('answer:brief:three');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(seen.every((s) => s.actor.isAdmin && s.channel === CONSOLE_ADDRESS && s.platform === 'console')).toBe(true);
  });

  it('stops on /quit and on stop()', async () => {
    const seen: CommandInvocation[] = [];
    const input = new PassThrough();
    const output = new PassThrough();
    const adapter = createConsoleAdapter({ router: fakeRouter(seen), input, output, interactive: false });
    await adapter.start();
    input.write('/brief one\n/quit\n');
    await adapter.done;
    expect(seen.map((s) => s.args)).toEqual(['one']);

    const adapter2 = createConsoleAdapter({ router: fakeRouter([]), input: new PassThrough(), output, interactive: false });
    await adapter2.start();
    await adapter2.stop();
    await expect(adapter2.done).resolves.toBeUndefined();
    expect(adapter2.owns('console:local')).toBe(true);
    expect(adapter2.owns('slack:T1:C1')).toBe(false);
  });

  it('posts replies as plain text', async () => {
    const output = new PassThrough();
    const read = collect(output);
    const adapter = createConsoleAdapter({ router: fakeRouter([]), input: new PassThrough(), output, interactive: false });
    await adapter.post(CONSOLE_ADDRESS, makeReply({ title: 'Morning digest', sections: [{ items: [{ title: 'Story one', source: 'a.txt' }] }] }));
    expect(read()).toContain('Morning digest');
    expect(read()).toContain('1. Story one');
  });
});
