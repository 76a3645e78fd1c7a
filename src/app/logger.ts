import { pino, type Logger as PinoLogger } from 'pino';

/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The logging interface every part of newsdesk uses (structured metadata as a plain object). */
export interface Logger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values are never logged, whatever they hold: tokens, secrets,
 * passwords, signing material, API keys, Authorization headers, cookies.
 * Matched on the end of the key (`botToken`, `SLACK_SIGNING_SECRET`, `apiKey`).
 */
const SECRET_KEY = /(token|secret|password|passwd|passphrase|authorization|signing|signature|api[-_]?key|apikey|cookie|private[-_]?key|credentials?)$/i;

/**
 * Secret-looking values anywhere in a string (a message, an error text, a
 * URL): Slack tokens (xoxb-/xoxp-/xoxa-/xoxr-/xoxs-/xoxe-, xapp-), Discord
 * bot tokens (three base64url parts), and Bearer/Bot credentials in headers.
 */
const SECRET_VALUES: readonly RegExp[] = [
  /\bxox[abeoprs]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g,
  /\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{8,}/g,
];

/** Replace every secret-looking substring. */
export function redactString(s: string): string {
  let out = s;
  for (const re of SECRET_VALUES) out = out.replace(re, (m, scheme?: string) => (typeof scheme === 'string' && /^(Bearer|Bot)$/.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED));
  return out;
}

/**
 * A copy of `value` safe to log: secret keys blanked at any depth, secret
 * values masked inside strings, Errors reduced to name/message/stack,
 * cycles and very deep nesting cut.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth > 8) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), ...(value.stack ? { stack: redactString(value.stack) } : {}), ...((value as NodeJS.ErrnoException).code ? { code: (value as NodeJS.ErrnoException).code } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redact(v, depth + 1, seen);
  return out;
}

/**
 * Structured JSON logs (pino), one object per line on `stream` — stderr in
 * the bot, so stdout stays clean for answers. Every message and metadata
 * object passes through `redact` first, so a token that ends up in an error
 * message or a config dump is never written.
 */
export function createLogger(level: LogLevel, stream: NodeJS.WritableStream, now: () => Date = () => new Date()): Logger {
  const base: PinoLogger = pino(
    {
      level,
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream as unknown as pino.DestinationStream,
  );
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, meta?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(lvl)) return;
    const clean = meta ? (redact(meta) as Record<string, unknown>) : {};
    // pino treats `msg`/`level`/`time` keys in the object specially; keep caller data apart.
    for (const k of ['msg', 'level', 'time'] as const) {
      if (k in clean) {
        clean[`meta_${k}`] = clean[k];
        delete clean[k];
      }
    }
    base[lvl](clean, redactString(msg));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
