import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An io with collected stdout/stderr and (optionally) a piped stdin. */
function makeIo(env: Record<string, string | undefined>, stdin?: PassThrough): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const o: string[] = [];
  const e: string[] = [];
  stdout.on('data', (c: Buffer) => o.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => e.push(c.toString('utf8')));
  return { env, stdout, stderr, stdin, out: () => o.join(''), err: () => e.join('') };
}

const baseEnv = () => ({ NEWSDESK_DB: join(dir, 'data', 'nd.db'), LOG_LEVEL: 'silent', NEWSDESK_CHANNELS: join(dir, 'no-channels.yaml') });

function writeCorpus(): string {
  const corpus = join(dir, 'articles');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'one.txt'), 'Orchard harvest begins early\n\nFarmers in Hollin began picking apples two weeks early, the growers association said.\n');
  writeFileSync(join(corpus, 'two.json'), JSON.stringify({ title: 'Tram line approved', text: 'The city of Marsk approved a new tram line on Monday, transport officials said.' }));
  writeFileSync(join(corpus, 'bad.json'), '{ "title": ');
  return corpus;
}

describe('newsdesk ingest', () => {
  it('reports counts, and a second run reports everything unchanged', async () => {
    const corpus = writeCorpus();
    const io = makeIo(baseEnv());
    expect(await runCli(['ingest', corpus], io)).toBe(0);
    expect(io.out()).toContain('ingested: 2 added, 0 updated, 0 unchanged, 0 duplicates, 0 removed, 1 failed');
    expect(io.out()).toContain('corpus: 2 articles in');
    expect(io.err()).toContain('bad.json');

    const again = makeIo(baseEnv());
    expect(await runCli(['cli', 'ingest', corpus], again)).toBe(0);
    expect(again.out()).toContain('ingested: 0 added, 0 updated, 2 unchanged, 0 duplicates, 0 removed, 1 failed');
    expect(again.out()).toContain('corpus: 2 articles in');
  });

  it('fails (non-zero) when nothing at all could be ingested', async () => {
    const io = makeIo(baseEnv());
    expect(await runCli(['ingest', join(dir, 'no-such-folder')], io)).not.toBe(0);
    expect(io.out()).toContain('1 failed');
    expect(io.err()).toContain('no-such-folder');
  });
});

describe('newsdesk (start) with piped input', () => {
  it('answers both commands against the corpus and exits 0 at end of input', async () => {
    const stdin = new PassThrough();
    const io = makeIo({ ...baseEnv(), NEWSDESK_CORPUS: 'seeds' }, stdin);
    stdin.end('/brief colombia\n/who blinken\n');
    const code = await runCli([], io);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('Briefing: colombia');
    expect(out).toContain('001_9257b8249ba33b91.txt');
    // The Reuters story is labelled by its publisher (from its wire credit), not by its file name.
    expect(out).toContain('Reuters · undated');
    expect(out).not.toContain('000_5f47e1443f69a352.txt');
    // The /who answer follows the briefing (a profile titled with the name, or a "Who is" reply).
    const afterBrief = out.slice(out.indexOf('Briefing: colombia') + 1);
    expect(afterBrief).toMatch(/\n(Who is “blinken”\?|[^\n]*Blinken[^\n]*)\n=+/);
    expect(io.err()).toMatch(/console mode/i);
  });
});

describe('newsdesk one-shot commands', () => {
  it('runs a chat command and prints plain text', async () => {
    const io = makeIo(baseEnv());
    expect(await runCli(['help', '--corpus', 'seeds'], io)).toBe(0);
    expect(io.out()).toContain('newsdesk — your news desk in chat');
  });

  it('an unknown command exits 2 with a suggestion', async () => {
    const io = makeIo(baseEnv());
    expect(await runCli(['breif', 'colombia', '--corpus', 'seeds'], io)).toBe(2);
    expect(io.out()).toContain('Did you mean /brief');
  });

  it('--help prints usage without touching config', async () => {
    const io = makeIo({ PORT: 'abc' });
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage:');
  });
});

describe('broken configuration', () => {
  it('returns a non-zero code and prints every problem to stderr', async () => {
    const stdin = new PassThrough();
    stdin.end('/help\n');
    const io = makeIo({ ...baseEnv(), PORT: 'abc', LOG_LEVEL: 'loud', SLACK_API_URL: 'nope' }, stdin);
    const code = await runCli([], io);
    expect(code).not.toBe(0);
    const err = io.err();
    expect(err).toContain('port (PORT)');
    expect(err).toContain('logLevel (LOG_LEVEL)');
    expect(err).toContain('slack.apiUrl (SLACK_API_URL)');
    expect(err).toMatch(/3 problems/);
    expect(io.out()).toBe('');
  });

  it('the same happens for one-shot commands', async () => {
    const io = makeIo({ ...baseEnv(), PORT: 'abc' });
    expect(await runCli(['brief', 'colombia', '--corpus', 'seeds'], io)).not.toBe(0);
    expect(io.err()).toContain('port (PORT)');
  });
});

describe('parseCliArgs', () => {
  it('separates command, positionals, flags and --corpus values', () => {
    const a = parseCliArgs(['brief', 'human', 'rights', '--json', '--corpus', 'dir/x', '7d']);
    expect(a.command).toBe('brief');
    expect(a.positional).toEqual(['human', 'rights', '7d']);
    expect([...a.flags]).toEqual(['json']);
    expect(a.options.get('corpus')).toBe('dir/x');
    expect(parseCliArgs(['who', '--corpus=seeds', 'x']).options.get('corpus')).toBe('seeds');
    expect(parseCliArgs([]).command).toBeUndefined();
  });
});
