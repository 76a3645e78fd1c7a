import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { REST } from '@discordjs/rest';
import { type RESTPutAPIApplicationCommandsResult, Routes } from 'discord-api-types/v10';
import { allCommands } from '../../commands/index.js';
import { type Config, loadConfig } from '../../config/load-config.js';
import type { CommandSpec } from '../../core/command-spec.js';
import { NewsdeskError } from '../../core/errors.js';
import { buildCommandManifest } from './command-manifest.js';
import { mapDiscordError } from './map-discord-error.js';

/**
 * `npm run discord:deploy [-- --guild ID | --global] [--dry-run]` registers
 * newsdesk's slash commands, generated from the real command specs, with
 * Discord. Guild registration (DISCORD_DEV_GUILD_ID or --guild) is instant
 * and meant for development; global registration can take up to an hour to
 * show everywhere. PUT replaces the whole set, so removed commands disappear.
 */

/** Parsed command line of the script. */
export interface DeployArgs {
  guildId?: string;
  /** Ignore DISCORD_DEV_GUILD_ID and register globally. */
  global: boolean;
  /** Print the JSON instead of sending it. */
  dryRun: boolean;
  help: boolean;
}

export const DEPLOY_USAGE = `Usage: npm run discord:deploy [-- --guild <id> | --global] [--dry-run]
  Registers newsdesk's slash commands with Discord (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID).
  --guild <id>  register in one server only (instant; default: DISCORD_DEV_GUILD_ID when set)
  --global      register for every server, even when DISCORD_DEV_GUILD_ID is set (may take up to an hour)
  --dry-run     print the command JSON without contacting Discord`;

/** Parse `--guild ID` / `--guild=ID`, `--global`, `--dry-run`, `--help`. */
export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  const i = argv.indexOf('--guild');
  const guildId = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--guild='))?.slice('--guild='.length);
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) throw new NewsdeskError('bad_argument', `--guild needs a numeric server id, got “${guildId ?? ''}”.`);
  return { guildId, global: argv.includes('--global'), dryRun: argv.includes('--dry-run'), help: argv.includes('--help') || argv.includes('-h') };
}

/** What a deployment did. */
export interface DeployResult {
  scope: 'global' | 'guild';
  guildId?: string;
  names: string[];
}

/** Options for deployCommands. */
export interface DeployOptions {
  config: Omit<Config['discord'], 'gateway'>;
  prefix: string;
  specs: readonly CommandSpec[];
  /** Guild to register in; absent = global. */
  guildId?: string;
  /** REST tuning (tests use `{ retries: 0 }`). */
  rest?: { retries?: number; timeout?: number };
}

/** Register the manifest with one PUT (bulk overwrite), globally or in one guild. */
export async function deployCommands(opts: DeployOptions): Promise<DeployResult> {
  const { token, applicationId } = opts.config;
  if (!token || !applicationId) throw new NewsdeskError('config_invalid', 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal → your app) to deploy commands.');
  const body = buildCommandManifest(opts.specs, opts.prefix);
  const rest = new REST({ api: opts.config.apiUrl.replace(/\/+$/, ''), ...opts.rest }).setToken(token);
  const route = opts.guildId ? Routes.applicationGuildCommands(applicationId, opts.guildId) : Routes.applicationCommands(applicationId);
  try {
    const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    return { scope: opts.guildId ? 'guild' : 'global', guildId: opts.guildId, names: result.map((c) => c.name) };
  } catch (err) {
    throw mapDiscordError(err, 'Registering Discord commands');
  }
}

/** The script: config from the environment, specs from the real command list. Returns the exit code. */
export async function runDeploy(argv: readonly string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const args = parseDeployArgs(argv);
  if (args.help) {
    out(DEPLOY_USAGE);
    return 0;
  }
  const config = loadConfig(env);
  const specs = allCommands.map((c) => c.spec);
  const guildId = args.global ? undefined : args.guildId ?? config.discord.devGuildId;
  if (args.dryRun) {
    out(JSON.stringify(buildCommandManifest(specs, config.commands.prefix), null, 2));
    return 0;
  }
  const result = await deployCommands({ config: config.discord, prefix: config.commands.prefix, specs, guildId });
  const where = result.scope === 'guild' ? `in server ${result.guildId} (available now)` : 'globally (may take up to an hour to appear everywhere)';
  out(`Registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(', ')}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDeploy(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`discord:deploy: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
