import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/cli/run-analyze.js';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';

const SEEDS_DIR = resolve('seeds');
const SEED_0 = join(SEEDS_DIR, '000_5f47e1443f69a352.txt');
const SEED_1 = join(SEEDS_DIR, '001_9257b8249ba33b91.txt');
/** Every seed article (seeds/*.txt), in name order. */
const SEED_FILES = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS_DIR, f));

/** Names compared "modulo case and possessive": "Maduro's" ~ "maduro". */
const norm = (s: string) => s.toLowerCase().replace(/[’']s$/, '').trim();

/**
 * Does a mention's text stand for the entity? Either its name or an alias (modulo
 * case/possessive), or a descriptive phrase that coreference attached ("the group").
 */
function mentionFits(mention: string, e: { name: string; aliases: string[] }): boolean {
  if ([e.name, ...e.aliases].some((n) => norm(n) === norm(mention))) return true;
  return /^(the|this|that|these|those|its|his|her|their)\s+\p{L}/iu.test(mention);
}

/** A span must start and end on word boundaries of the string it indexes. */
function onWordBoundaries(str: string, [s, t]: [number, number]): boolean {
  const letter = /[\p{L}\p{N}]/u;
  return !(s > 0 && letter.test(str[s - 1]) && letter.test(str[s])) && !(t < str.length && letter.test(str[t - 1]) && letter.test(str[t]));
}

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
    inputs = [...SEED_FILES, html(), join(dir, 'missing.txt'), json()];
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

  /** The parsed output line for one input file. */
  const lineFor = (file: string) => JSON.parse(lines[inputs.indexOf(file)]);

  it('a missing file still gets a line, with an error', () => {
    const o = lineFor(join(dir, 'missing.txt'));
    expect(o.file).toBe(join(dir, 'missing.txt'));
    expect(typeof o.error).toBe('string');
    expect(o.error.length).toBeGreaterThan(0);
    expect(o.text).toBe('');
    expect(o.entities).toEqual([]);
    expect(o.quotes).toEqual([]);
  });

  it('analyses every seed article, with offsets into the input', () => {
    expect(SEED_FILES).toContain(SEED_0);
    expect(SEED_FILES).toContain(SEED_1);
    for (const f of SEED_FILES) {
      const o = lineFor(f);
      expect(o.error).toBeUndefined();
      expect(o.offsetsInto).toBe('input');
      expect(o.text.length).toBeGreaterThan(0);
      expect(typeof o.title === 'string' && o.title.length > 0).toBe(true);
    }
  });

  it('seed 000: the wire credit line is the byline and is gone from the text', () => {
    const s0 = lineFor(SEED_0);
    for (const name of ['Luis Jaime Acosta', 'Oliver Griffin', 'Vivian Sequera', 'Sandra Maler']) {
      expect(s0.byline.some((b: string) => b.includes(name)), name).toBe(true);
    }
    expect(s0.text).not.toContain('Reporting by');
    expect(s0.text).not.toContain('Editing by');
  });

  it('seed 001: title from the first line, and no share prompt, teaser or comment prompt in the text', () => {
    const s1 = lineFor(SEED_1);
    expect(s1.title).toContain('Blinken says human rights accountability is critical');
    for (const junk of ['Spread the love', 'READ ALSO', 'Leave a Reply']) expect(s1.text, junk).not.toContain(junk);
    expect(s1.text).toContain('Accountability for human rights violations');
  });

  it('seed entity mentions map back to the same words in the input file', () => {
    let named = 0;
    for (const file of SEED_FILES) {
      const o = lineFor(file);
      const raw = readFileSync(file, 'utf8');
      for (const e of o.entities) {
        for (const span of e.mentions as [number, number][]) {
          const [s, t] = span;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(raw.length);
          const slice = raw.slice(s, t);
          expect(mentionFits(slice, e), `${e.name} ${JSON.stringify(e.aliases)} ← ${JSON.stringify(slice)} at ${span}`).toBe(true);
          expect(onWordBoundaries(raw, span), `${e.name} at ${span}: ${JSON.stringify(raw.slice(s - 3, t + 3))}`).toBe(true);
          if ([e.name, ...e.aliases].some((n: string) => norm(n) === norm(slice))) named++;
        }
      }
      for (const q of o.quotes) {
        expect(q.span[0]).toBeGreaterThanOrEqual(0);
        expect(q.span[1]).toBeLessThanOrEqual(raw.length);
      }
    }
    // The seeds name dozens of people, places and organizations: the check must not pass vacuously.
    expect(named).toBeGreaterThan(20);
  });

  it('HTML and JSON files use offsetsInto "text", and their mentions index the cleaned text', () => {
    const h = lineFor(html());
    expect(h.offsetsInto).toBe('text');
    expect(h.title).toBe('Dam inspection ordered');
    expect(h.byline).toEqual(['Nora Quist']);
    expect(h.text).toContain('Regional governor Lena Brandt ordered an inspection');
    expect(h.text).not.toContain('Menu');
    expect(h.text).not.toContain('Share this article');
    const j = lineFor(json());
    expect(j.offsetsInto).toBe('text');
    expect(j.title).toBe('Grain exports rise');
    expect(j.byline).toEqual(['Ivo Dunn']);
    expect(j.text).toContain('Grain exports from Portavel rose 12 percent in May');
    expect(j.text).not.toContain('Leave a Reply');
    for (const o of [h, j]) {
      for (const e of o.entities) {
        for (const span of e.mentions as [number, number][]) {
          expect(span[1]).toBeLessThanOrEqual(o.text.length);
          expect(mentionFits(o.text.slice(span[0], span[1]), e), `${e.name} ← ${o.text.slice(span[0], span[1])}`).toBe(true);
        }
      }
    }
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
    for (const a of b.articles) expect(Array.isArray(a.alsoReportedBy)).toBe(true);
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
    expect(w.entity).not.toBeNull();
    expect(w.entity.name).toMatch(/Blinken/);
    expect(['person', 'organization', 'place', 'other']).toContain(w.entity.type);
    expect(w.entity.role === null || typeof w.entity.role === 'string').toBe(true);
    expect(Array.isArray(w.entity.aliases) && w.entity.aliases.every((x: unknown) => typeof x === 'string')).toBe(true);
    expect(Array.isArray(w.articles)).toBe(true);
    for (const a of w.articles) {
      expect(typeof a.id).toBe('string');
      expect(typeof a.title).toBe('string');
      expect(typeof a.source).toBe('string');
    }
    expect(w.articles.map((a: { source: string }) => a.source.endsWith('001_9257b8249ba33b91.txt'))).toContain(true);
    for (const q of w.quotes) {
      expect(typeof q.text).toBe('string');
      expect(q.speaker === null || typeof q.speaker === 'string').toBe(true);
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

  it('brief algeria (only a teaser headline mentions it, and that is removed) gives no articles', async () => {
    const io = makeIo();
    expect(await runCli(['brief', 'algeria', '--json', '--corpus', 'seeds'], io)).toBe(0);
    const b = JSON.parse(io.out().trim());
    expect(b.topic).toBe('algeria');
    expect(b.articles).toEqual([]);
  });

  it('who macron (only in a removed teaser) gives entity null', async () => {
    const io = makeIo();
    expect(await runCli(['who', 'macron', '--json', '--corpus', 'seeds'], io)).toBe(0);
    const w = JSON.parse(io.out().trim());
    expect(w.query).toBe('macron');
    expect(w.entity).toBeNull();
    expect(w.articles).toEqual([]);
  });

  it('brief on a topic nobody wrote about gives no articles', async () => {
    const io = makeIo();
    expect(await runCli(['brief', 'quorblat', '--json', '--corpus', 'seeds'], io)).toBe(0);
    expect(JSON.parse(io.out().trim()).articles).toEqual([]);
  });
});
