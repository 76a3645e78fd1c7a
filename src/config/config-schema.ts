import { z } from 'zod';
import type { RateLimitConfig } from '../core/rate-limiter.js';
import { checkTimezone, suggestionText } from '../settings/time-zones.js';
import { parseEvery } from '../feeds/poll-schedule.js';

/**
 * The one schema for newsdesk's configuration. Values come from
 * `config/default.yaml` and are overridden by environment variables (secrets
 * only ever come from the environment). `ENV_PATHS` documents which variable
 * feeds which path so error messages can name what the operator must fix.
 */

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const url = z.url({ message: 'must be a URL such as https://example.com/api/' });
const optionalSecret = z.string().trim().min(1).optional();

export const slackSchema = z
  .object({
    botToken: optionalSecret.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
    signingSecret: optionalSecret,
    appToken: optionalSecret.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
    apiUrl: url.default('https://slack.com/api/'),
    /** Socket Mode when an app token is present, unless forced. */
    mode: z.enum(['auto', 'http', 'socket']).default('auto'),
    /** Slack user ids allowed to change channel settings besides workspace admins/owners. */
    adminUsers: z.array(z.string()).default([]),
  })
  .superRefine((s, ctx) => {
    if (!s.botToken) {
      if (s.signingSecret || s.appToken) ctx.addIssue({ code: 'custom', path: ['botToken'], message: 'SLACK_BOT_TOKEN is required when other Slack settings are given' });
      return;
    }
    const socket = s.mode === 'socket' || (s.mode === 'auto' && !!s.appToken);
    if (socket && !s.appToken) ctx.addIssue({ code: 'custom', path: ['appToken'], message: 'Socket Mode needs SLACK_APP_TOKEN (xapp-…)' });
    if (!socket && !s.signingSecret) ctx.addIssue({ code: 'custom', path: ['signingSecret'], message: 'HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)' });
  });

/** "1", "true", "yes" and "on" (any case) are true; anything else false. Env values are strings. */
const flagSchema = z.union([z.boolean(), z.string()]).transform((v) => (typeof v === 'boolean' ? v : /^(1|true|yes|on)$/i.test(v.trim())));

export const discordSchema = z
  .object({
    token: optionalSecret,
    applicationId: z.string().regex(/^\d{5,25}$/, 'must be the numeric application id').optional(),
    apiUrl: url.default('https://discord.com/api'),
    /** Public key (hex) for the optional HTTP interactions endpoint. */
    publicKey: z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters').optional(),
    /** Role ids whose members may change settings besides Manage Guild holders (ids, because anyone who manages roles can create a role with a given name). */
    adminRoles: z.array(z.string().regex(/^\d{5,25}$/, 'must be role ids (numbers), not role names')).default([]),
    /** Guild to register commands in during development (instant), instead of globally. */
    devGuildId: z.string().optional(),
    /**
     * Hold a gateway connection (default). Several replicas set it false and take commands through the
     * HTTP interactions endpoint behind their load balancer; they post digests through the REST API.
     */
    gateway: flagSchema.default(true),
  })
  .superRefine((d, ctx) => {
    if (d.token && !d.applicationId) ctx.addIssue({ code: 'custom', path: ['applicationId'], message: 'DISCORD_APPLICATION_ID is required with DISCORD_TOKEN' });
    if (!d.gateway && d.token && !d.publicKey) {
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'DISCORD_GATEWAY=false needs DISCORD_PUBLIC_KEY: without the gateway, commands arrive only through the HTTP interactions endpoint' });
    }
  });

/** An IANA zone (any letter case), returned in its canonical spelling; abbreviations get suggestions. */
const timezoneSchema = z.string().transform((v, ctx) => {
  const checked = checkTimezone(v);
  if (checked.ok) return checked.zone;
  ctx.addIssue({ code: 'custom', message: `${checked.reason}. ${suggestionText(checked.suggestions)}`.trim() });
  return z.NEVER;
});

/** An interval such as "30s", "10m" or "1h" (at least 10 s), in milliseconds. */
const everySchema = z.string().transform((v, ctx) => {
  try {
    return parseEvery(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

const DEFAULT_FEEDS = { file: 'config/feeds.yaml', interval: '10m', allowPrivate: false, maxFailures: 10 };

const DEFAULT_RATE_LIMIT = { perUser: { limit: 10, windowSeconds: 30 }, perChannel: { limit: 30, windowSeconds: 30 } };

/** "At most `limit` commands per `windowSeconds`"; each part defaults on its own, so one env variable can set the limit alone. */
function rateLimitSchema(d: { limit: number; windowSeconds: number }) {
  return z
    .object({
      limit: z.coerce.number().int().min(1).max(10_000).default(d.limit),
      windowSeconds: z.coerce.number().int().min(1).max(3_600).default(d.windowSeconds),
    })
    .default(d);
}

export const configSchema = z.object({
  db: z.string().min(1).default('data/newsdesk.db'),
  /** postgres://… : channel settings and the digest ledger in a PostgreSQL database shared by several processes. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL').optional(),
  corpus: z.string().min(1).default('seeds'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  commands: z
    .object({
      /** Prefix for platform command names ("nd-" → /nd-brief). /newsdesk <command> always works. */
      prefix: z.string().regex(/^[a-z0-9_-]{0,12}$/, 'use up to 12 lowercase letters, digits, - or _').default(''),
      /** Commands per person and per channel on Slack and Discord (the local console is not limited). */
      rateLimit: z
        .object({
          perUser: rateLimitSchema(DEFAULT_RATE_LIMIT.perUser),
          perChannel: rateLimitSchema(DEFAULT_RATE_LIMIT.perChannel),
        })
        .default(DEFAULT_RATE_LIMIT),
    })
    .default({ prefix: '', rateLimit: DEFAULT_RATE_LIMIT }),
  channelsFile: z.string().default('config/channels.yaml'),
  /** Articles older than this many days (by date, else first seen) are pruned with their indexes; digest history stays. 0 keeps everything. */
  retentionDays: z.coerce.number().int().min(0).max(36_500).default(180),
  /**
   * Save the built in-memory index to the database now and then, and start from it (seconds instead of minutes
   * at a million articles). Off: every start indexes every article's record.
   */
  indexSnapshots: flagSchema.default(true),
  analysis: z
    .object({
      /** Analysis worker threads; default: the machine's available parallelism. */
      workers: z.coerce.number().int().min(1).max(64).optional(),
      /** Per-article time budget; an article over it is stored as "analysis failed: too slow". */
      budgetMs: z.coerce.number().int().min(1000).max(600_000).default(20_000),
    })
    .default({ budgetMs: 20_000 }),
  feeds: z
    .object({
      /** YAML file listing `feeds: [{url, every}]`; a missing file means none. */
      file: z.string().default(DEFAULT_FEEDS.file),
      /** Default poll interval for feeds that do not say `every`. */
      interval: z.string().default(DEFAULT_FEEDS.interval),
      /** Allow loopback/private/link-local targets (intranet feeds, tests). Off by default: see SECURITY.md. */
      allowPrivate: flagSchema.default(false),
      /** Consecutive failures before a feed is switched off, with one notice to the channels following it. */
      maxFailures: z.coerce.number().int().min(1).max(1000).default(DEFAULT_FEEDS.maxFailures),
    })
    .default(DEFAULT_FEEDS)
    .superRefine((f, ctx) => {
      const parsed = everySchema.safeParse(f.interval);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['interval'], message: parsed.error.issues[0]?.message ?? 'not an interval' });
    }),
  digest: z
    .object({
      graceMinutes: z.coerce.number().int().min(0).max(24 * 60).default(120),
      defaultTimezone: timezoneSchema.default('UTC'),
      maxStories: z.coerce.number().int().min(1).max(25).default(5),
    })
    .default({ graceMinutes: 120, defaultTimezone: 'UTC', maxStories: 5 }),
  slack: slackSchema.default({ apiUrl: 'https://slack.com/api/', mode: 'auto', adminUsers: [] }),
  discord: discordSchema.default({ apiUrl: 'https://discord.com/api', adminRoles: [], gateway: true }),
});

/** Fully validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Environment variable → config path. Secrets are only read from here. */
export const ENV_PATHS: Record<string, string[]> = {
  NEWSDESK_DB: ['db'],
  NEWSDESK_DATABASE_URL: ['databaseUrl'],
  NEWSDESK_CORPUS: ['corpus'],
  NEWSDESK_CHANNELS: ['channelsFile'],
  NEWSDESK_FEEDS: ['feeds', 'file'],
  NEWSDESK_FEED_INTERVAL: ['feeds', 'interval'],
  NEWSDESK_ALLOW_PRIVATE_FEEDS: ['feeds', 'allowPrivate'],
  NEWSDESK_FEED_MAX_FAILURES: ['feeds', 'maxFailures'],
  NEWSDESK_RETENTION_DAYS: ['retentionDays'],
  NEWSDESK_INDEX_SNAPSHOTS: ['indexSnapshots'],
  NEWSDESK_ANALYSIS_WORKERS: ['analysis', 'workers'],
  NEWSDESK_ANALYSIS_BUDGET_MS: ['analysis', 'budgetMs'],
  NEWSDESK_COMMAND_PREFIX: ['commands', 'prefix'],
  NEWSDESK_RATE_LIMIT_USER: ['commands', 'rateLimit', 'perUser', 'limit'],
  NEWSDESK_RATE_LIMIT_CHANNEL: ['commands', 'rateLimit', 'perChannel', 'limit'],
  NEWSDESK_DIGEST_GRACE_MINUTES: ['digest', 'graceMinutes'],
  NEWSDESK_TIMEZONE: ['digest', 'defaultTimezone'],
  PORT: ['port'],
  HOST: ['host'],
  LOG_LEVEL: ['logLevel'],
  SLACK_BOT_TOKEN: ['slack', 'botToken'],
  SLACK_SIGNING_SECRET: ['slack', 'signingSecret'],
  SLACK_APP_TOKEN: ['slack', 'appToken'],
  SLACK_API_URL: ['slack', 'apiUrl'],
  SLACK_MODE: ['slack', 'mode'],
  SLACK_ADMIN_USERS: ['slack', 'adminUsers'],
  DISCORD_TOKEN: ['discord', 'token'],
  DISCORD_APPLICATION_ID: ['discord', 'applicationId'],
  DISCORD_API_URL: ['discord', 'apiUrl'],
  DISCORD_PUBLIC_KEY: ['discord', 'publicKey'],
  DISCORD_ADMIN_ROLES: ['discord', 'adminRoles'],
  DISCORD_DEV_GUILD_ID: ['discord', 'devGuildId'],
  DISCORD_GATEWAY: ['discord', 'gateway'],
};

/** Variables holding comma-separated lists. */
export const LIST_ENV = new Set(['SLACK_ADMIN_USERS', 'DISCORD_ADMIN_ROLES']);

/** The command core's rate limits from the validated configuration. */
export function rateLimitsOf(config: Config): RateLimitConfig {
  const { perUser, perChannel } = config.commands.rateLimit;
  return {
    perUser: { limit: perUser.limit, windowMs: perUser.windowSeconds * 1000 },
    perChannel: { limit: perChannel.limit, windowMs: perChannel.windowSeconds * 1000 },
  };
}

/** The default feed poll interval in milliseconds (validated by the schema). */
export function feedIntervalMs(config: Config): number {
  return parseEvery(config.feeds.interval);
}
