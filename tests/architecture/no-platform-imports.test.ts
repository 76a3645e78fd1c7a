import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Architecture rule: platform SDKs are imported only inside their adapter.
 * `@slack/*` only under src/adapters/slack/, and `discord.js`,
 * `@discordjs/*` and `discord-api-types` only under src/adapters/discord/.
 * The core, commands and app layers stay platform-neutral.
 */

const SRC = join(process.cwd(), 'src');

/** Platform module patterns and the one folder allowed to import each. */
const RULES: { platform: string; pattern: RegExp; allowedDir: string }[] = [
  { platform: 'slack', pattern: /^@slack\//, allowedDir: 'src/adapters/slack/' },
  { platform: 'discord', pattern: /^(discord\.js|discord-api-types)(\/|$)|^@discordjs\//, allowedDir: 'src/adapters/discord/' },
];

/**
 * Every module specifier a TypeScript/JavaScript source mentions in an
 * import/export statement, a dynamic import() or a require() call.
 * Comments are stripped first so prose about "@slack/bolt" is not a hit.
 */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]);
  return specs;
}

/** Violations in one file: the specifiers it may not import, given its repo-relative path. */
export function violationsIn(relPath: string, source: string): string[] {
  const path = relPath.split(sep).join('/');
  return importSpecifiers(source).filter((spec) => RULES.some((r) => r.pattern.test(spec) && !path.startsWith(r.allowedDir)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|cts|js|mjs|cjs|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('import scanner (the rule must be able to fail)', () => {
  it('finds static, type-only, side-effect, re-export, dynamic and require imports', () => {
    const src = [
      "import { App } from '@slack/bolt';",
      "import type { KnownBlock } from '@slack/types';",
      "import {\n  Client,\n  GatewayIntentBits,\n} from 'discord.js';",
      "import '@discordjs/rest';",
      "export { Routes } from 'discord-api-types/v10';",
      "const x = await import('@slack/web-api');",
      "const y = require('discord.js');",
      "// import { nope } from '@slack/bolt';",
      "/* import '@slack/socket-mode' */",
      "import { ok } from './local.js';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual(
      expect.arrayContaining(['@slack/bolt', '@slack/types', 'discord.js', '@discordjs/rest', 'discord-api-types/v10', '@slack/web-api', './local.js']),
    );
    expect(importSpecifiers(src)).not.toContain('@slack/socket-mode');
  });

  it('flags platform imports outside their adapter and allows them inside', () => {
    expect(violationsIn('src/core/reply.ts', "import { App } from '@slack/bolt';")).toEqual(['@slack/bolt']);
    expect(violationsIn('src/app/start-bot.ts', "import { Client } from 'discord.js';")).toEqual(['discord.js']);
    expect(violationsIn('src/commands/brief.ts', "import type { APIEmbed } from 'discord-api-types/v10';")).toEqual(['discord-api-types/v10']);
    expect(violationsIn('src/adapters/slack/slack-app.ts', "import { App } from '@slack/bolt';")).toEqual([]);
    expect(violationsIn('src/adapters/discord/client.ts', "import { REST } from '@discordjs/rest';")).toEqual([]);
    // Each adapter keeps to its own platform.
    expect(violationsIn('src/adapters/slack/x.ts', "import { Client } from 'discord.js';")).toEqual(['discord.js']);
    // Look-alike names are not platform SDKs.
    expect(violationsIn('src/core/x.ts', "import a from 'discord.jsx'; import b from 'slack-notify';")).toEqual([]);
  });
});

describe('src/ respects the adapter boundary', () => {
  it('no file outside src/adapters/<platform>/ imports that platform SDK', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const bad = files.flatMap((f) => {
      const rel = relative(process.cwd(), f);
      return violationsIn(rel, readFileSync(f, 'utf8')).map((spec) => `${rel.split(sep).join('/')} imports ${spec}`);
    });
    expect(bad).toEqual([]);
  });
});
