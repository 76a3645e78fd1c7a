import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../src/cli/run-analyze.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function analyze(files: string[], opts = {}): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const code = await runAnalyze(files, (l) => lines.push(JSON.parse(l)), opts);
  return { code, lines };
}

describe('analyze --json refuses what is not an article, one line per file', () => {
  it('stops at once on a device and refuses binary content, still answering for the good file', async () => {
    const good = join(dir, 'good.txt');
    writeFileSync(good, 'Harbour reopens\n\n“We are open again,” harbourmaster Ilse Brandt said on Monday.\n');
    const binary = join(dir, 'noise.txt');
    writeFileSync(binary, Buffer.from([0x00, 0xff, 0x10, 0x00, 0x41, 0x00, 0x9c, 0x00]));
    const { code, lines } = await analyze(['/dev/zero', binary, good]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    expect(String(lines[0].error)).toMatch(/not a regular file/);
    expect(String(lines[1].error)).toMatch(/binary|NUL|UTF-8|control/);
    expect(lines[2].error).toBeUndefined();
    expect((lines[2].quotes as { text: string }[]).length).toBeGreaterThan(0);
  });

  it('adds quote features only when asked (the confidence model refit)', async () => {
    const good = join(dir, 'good2.txt');
    writeFileSync(good, 'Ferry link restored\n\n“The ferry sails again,” operator Tomas Berg said on Tuesday.\n');
    const plain = (await analyze([good])).lines[0].quotes as Record<string, unknown>[];
    const withFeatures = (await analyze([good], { quoteFeatures: true })).lines[0].quotes as Record<string, unknown>[];
    expect(JSON.stringify(plain)).not.toBe(JSON.stringify(withFeatures));
  });
});
