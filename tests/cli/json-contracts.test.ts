import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/cli/run-analyze.js';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';

const SEED_0 = resolve('seeds/000_5f47e1443f69a352.txt');
const SEED_1 = resolve('seeds/001_9257b8249ba33b91.txt');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-json-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An io whose stdout and stderr are collected as strings. */
function makeIo(env: Record<string, string | undefined> = {}): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const o: string[] = [];
  const e: string[] = [];
  stdout.on('data', (c: Buffer) => o.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => e.push(c.toString('utf8')));
  return {
    env: { NEWSDESK_DB: join(dir, 'cli.db'), LOG_LEVEL: 'silent', ...env },
    stdout,
    stderr,
    out: () => o.join(''),
    err: () => e.join(''),
  };
}

const isSpan = (s: unknown) => Array.isArray(s) && s.length === 2 && s.every((n) => Number.isInteger(n)) && (s[0] as number) <= (s[1] as number);

/** Check one analyze line against the contract in shared/eval/README.md. */
function expectAnalysisShape(o: Record<string, unknown>): void {
  expect(typeof o.file).toBe('string');
  expect(o.title === null || typeof o.title === 'string').toBe(true);
  expect(Array.isArray(o.byline) && (o.byline as unknown[]).every((b) => typeof b === 'string')).toBe(true);
  expect(typeof o.text).toBe('string');
  expect(['input', 'text']).toContain(o.offsetsInto);
  expect(Array.isArray(o.entities)).toBe(true);
  expect(Array.isArray(o.quotes)).toBe(true);
  expect(Array.isArray(o.summary) && (o.summary as unknown[]).every((s) => typeof s === 'string')).toBe(true);
  for (const e of o.entities as Record<string, unknown>[]) {
    expect(typeof e.name).toBe('string');
    expect(['person', 'organization', 'place', 'other']).toContain(e.type);
    expect(e.role === null || typeof e.role === 'string').toBe(true);
    expect(Array.isArray(e.aliases)).toBe(true);
    expect(Array.isArray(e.mentions) && (e.mentions as unknown[]).every(isSpan)).toBe(true);
  }
  for (const q of o.quotes as Record<string, unknown>[]) {
    expect(typeof q.text).toBe('string');
    expect(isSpan(q.span)).toBe(true);
    expect(typeof q.direct).toBe('boolean');
    expect(q.speaker === null || typeof q.speaker === 'string').toBe(true);
    expect(q.speakerSpan === null || isSpan(q.speakerSpan)).toBe(true);
    expect(q.cue === null || typeof q.cue === 'string').toBe(true);
  }
}

describe('analyze --json', () => {
  const html = () => join(dir, 'page.html');
  const json = () => join(dir, 'story.json');
  let lines: string[] = [];
  let code = -1;
  let inputs: string[] = [];

  beforeAll(async () => {
    writeFileSync(
      html(),
      '<html><head><title>Dam inspection ordered</title><meta name="author" content="Nora Quist"></head><body><nav>Menu</nav><h1>Dam inspection ordered</h1><p>Regional governor Lena Brandt ordered an inspection of the Kessel dam on Friday.</p><p>"We will not take chances," Brandt said.</p><p>Share this article</p></body></html>',
    );
    writeFileSync(json(), JSON.stringify({ title: 'Grain exports rise', byline: 'Ivo Dunn', text: 'Grain exports from Portavel rose 12 percent in May, trade minister Hugo Serrat said.\n\nLeave a Reply' }));
    inputs = [SEED_0, SEED_1, html(), join(dir, 'missing.txt'), json()];
    code = await runAnalyze(inputs, (l) => lines.push(l));
    lines = lines.flatMap((l) => l.split('\n')).filter((l) => l !== '');
  });

  it('prints one valid JSON object per file, in input order', () => {
    expect(code).toBe(0);
    expect(lines).toHaveLength(inputs.length);
    const objs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objs.map((o) => o.file)).toEqual(inputs);
  });

  it('every line has the contract fields and types', () => {
    for (const l of lines) expectAnalysisShape(JSON.parse(l));
  });

  it('a missing file still gets a line, with an error', () => {
    const o = JSON.parse(lines[3]);
    expect(typeof o.error).toBe('string');
    expect(o.error.length).toBeGreaterThan(0);
    expect(o.text).toBe('');
    expect(o.entities).toEqual([]);
  });

  it('seed 000 has its wire credits as byline; seed 001 has its title and no boilerplate', () => {
    const s0 = JSON.parse(lines[0]);
    expect(s0.byline.length).toBeGreaterThan(0);
    expect(s0.byline).toContain('Oliver Griffin');
    expect(s0.text).not.toContain('(Reporting by');
    expect(s0.offsetsInto).toBe('input');
    const s1 = JSON.parse(lines[1]);
    expect(s1.title).toContain('Blinken says human rights accountability is critical');
    for (const junk of ['Spread the love', 'READ ALSO', 'Leave a Reply', 'Macron of France']) expect(s1.text).not.toContain(junk);
    expect(s1.text).toContain('Accountability for human rights violations');
  });

  it('plain-text offsets point into the input file', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [i, file] of [[0, SEED_0], [1, SEED_1]] as const) {
      const o = JSON.parse(lines[i]);
      const raw = readFileSync(file, 'utf8');
      // Mapped back through the offset map, each span must land on characters that are also in the cleaned text.
      for (const e of o.entities) {
        for (const [s, t] of e.mentions) {
          expect(t).toBeLessThanOrEqual(raw.length);
          expect(o.text).toContain(raw.slice(s, t));
        }
      }
      for (const q of o.quotes) {
        expect(q.span[1]).toBeLessThanOrEqual(raw.length);
        if (!raw.slice(q.span[0], q.span[1]).includes('\n')) expect(o.text).toContain(raw.slice(q.span[0], q.span[1]));
      }
    }
  });

  it('HTML and JSON files use offsetsInto "text" with cleaned text', () => {
    const h = JSON.parse(lines[2]);
    expect(h.offsetsInto).toBe('text');
    expect(h.title).toBe('Dam inspection ordered');
    expect(h.byline).toEqual(['Nora Quist']);
    expect(h.text).toContain('Regional governor Lena Brandt ordered an inspection');
    expect(h.text).not.toContain('Menu');
    expect(h.text).not.toContain('Share this article');
    for (const e of h.entities) for (const [s, t] of e.mentions) expect(t).toBeLessThanOrEqual(h.text.length);
    const j = JSON.parse(lines[4]);
    expect(j.offsetsInto).toBe('text');
    expect(j.title).toBe('Grain exports rise');
    expect(j.byline).toEqual(['Ivo Dunn']);
    expect(j.text).not.toContain('Leave a Reply');
  });

  it('exits non-zero only when every file failed', async () => {
    const out: string[] = [];
    expect(await runAnalyze([join(dir, 'nope-1.txt'), join(dir, 'nope-2.txt')], (l) => out.push(l))).toBe(1);
    expect(out).toHaveLength(2);
  });

  it('runCli analyze prints to stdout through the same path', async () => {
    const io = makeIo();
    const code = await runCli(['analyze', '--json', SEED_1], io);
    expect(code).toBe(0);
    const out = io.out().trim().split('\n');
    expect(out).toHaveLength(1);
    expectAnalysisShape(JSON.parse(out[0]));
  });
});

describe('brief --json and who --json', () => {
  it('brief colombia returns both seeds in the contract shape', async () => {
    const io = makeIo();
    const code = await runCli(['brief', 'colombia', '--json', '--corpus', 'seeds'], io);
    expect(code).toBe(0);
    const out = io.out().trim().split('\n');
    expect(out).toHaveLength(1);
    const b = JSON.parse(out[0]);
    expect(b.topic).toBe('colombia');
    expect(Array.isArray(b.articles)).toBe(true);
    for (const a of b.articles) {
      expect(typeof a.id).toBe('string');
      expect(typeof a.title).toBe('string');
      expect(typeof a.source).toBe('string');
      expect(Array.isArray(a.summary) && a.summary.every((s: unknown) => typeof s === 'string')).toBe(true);
      expect(Array.isArray(a.quotes)).toBe(true);
      for (const q of a.quotes) {
        expect(typeof q.text).toBe('string');
        expect(q.speaker === null || typeof q.speaker === 'string').toBe(true);
      }
    }
    const files = b.articles.map((a: { source: string }) => a.source.split('/').pop()).sort();
    expect(files).toEqual(['000_5f47e1443f69a352.txt', '001_9257b8249ba33b91.txt']);
    for (const a of b.articles) expect(a.source.endsWith('.txt')).toBe(true);
  });

  it('who blinken returns the contract shape', async () => {
    const io = makeIo();
    const code = await runCli(['who', 'blinken', '--json', '--corpus', 'seeds'], io);
    expect(code).toBe(0);
    const w = JSON.parse(io.out().trim());
    expect(w.query).toBe('blinken');
    expect(w.entity === null || typeof w.entity === 'object').toBe(true);
    if (w.entity) {
      expect(typeof w.entity.name).toBe('string');
      expect(['person', 'organization', 'place', 'other']).toContain(w.entity.type);
      expect(w.entity.role === null || typeof w.entity.role === 'string').toBe(true);
      expect(Array.isArray(w.entity.aliases)).toBe(true);
    }
    expect(Array.isArray(w.articles)).toBe(true);
    for (const a of w.articles) {
      expect(typeof a.id).toBe('string');
      expect(typeof a.source).toBe('string');
    }
    expect(Array.isArray(w.quotes)).toBe(true);
    expect(Array.isArray(w.suggestions)).toBe(true);
  });

  it('who for a name nobody has gives entity null and no articles', async () => {
    const io = makeIo();
    expect(await runCli(['who', 'zzyzx', 'quorblat', '--json', '--corpus', 'seeds'], io)).toBe(0);
    const w = JSON.parse(io.out().trim());
    expect(w.query).toBe('zzyzx quorblat');
    expect(w.entity).toBeNull();
    expect(w.articles).toEqual([]);
    expect(Array.isArray(w.suggestions)).toBe(true);
  });

  it('brief on a topic nobody wrote about gives no articles', async () => {
    const io = makeIo();
    expect(await runCli(['brief', 'quorblat', '--json', '--corpus', 'seeds'], io)).toBe(0);
    expect(JSON.parse(io.out().trim()).articles).toEqual([]);
  });
});
