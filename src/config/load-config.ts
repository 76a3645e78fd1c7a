import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { NewsdeskError } from '../core/errors.js';
import { type Config, configSchema, ENV_PATHS, LIST_ENV } from './config-schema.js';

export type { Config } from './config-schema.js';

/** One configuration problem: where it is and what is wrong. */
export interface ConfigProblem {
  /** Dotted config path, with the environment variable that sets it when there is one. */
  path: string;
  message: string;
}

/** Thrown by loadConfig with every problem found, not just the first. */
export class ConfigError extends NewsdeskError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super('config_invalid', `Configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  /** YAML file with non-secret settings; missing file = defaults. */
  file?: string;
  /** YAML text instead of a file (tests). */
  yamlText?: string;
}

/**
 * Build the configuration from `config/default.yaml` (or `opts`) and the
 * given environment. Pure with respect to `process`: the composition root
 * passes `process.env` (after dotenv has loaded `.env`). Throws ConfigError
 * listing every problem at once.
 */
export function loadConfig(env: Record<string, string | undefined>, opts: LoadConfigOptions = {}): Config {
  const problems: ConfigProblem[] = [];
  let base: Record<string, unknown> = {};
  const file = opts.file ?? 'config/default.yaml';
  const text = opts.yamlText ?? (existsSync(file) ? readFileSync(file, 'utf8') : '');
  if (text.trim()) {
    try {
      const parsed = parseYaml(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) base = parsed as Record<string, unknown>;
      else problems.push({ path: file, message: 'must be a YAML mapping of settings' });
    } catch (e) {
      problems.push({ path: file, message: `is not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    }
  }

  const envFor = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_PATHS)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = LIST_ENV.has(name) ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw.trim();
    setPath(base, path, value);
    envFor.set(path.join('.'), name);
  }

  const result = configSchema.safeParse(base);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const dotted = issue.path.join('.');
      const envName = envFor.get(dotted) ?? Object.entries(ENV_PATHS).find(([, p]) => p.join('.') === dotted)?.[0];
      problems.push({ path: envName ? `${dotted} (${envName})` : dotted || '(root)', message: issue.message });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return result.data!;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (!next || typeof next !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** Which platforms the loaded config has credentials for. */
export function enabledPlatforms(config: Config): { slack: boolean; discord: boolean } {
  return { slack: !!config.slack.botToken, discord: !!config.discord.token };
}
