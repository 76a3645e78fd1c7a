import { fileURLToPath } from 'node:url';
import { buildCore } from '../src/app/build-core.js';
import { createSlackAdapter } from '../src/adapters/slack/index.js';
import { signSlackRequest, slashCommandPayload, startFakeSlack } from '../tests/fakes/fake-slack.js';

/**
 * Soak: the real Slack adapter (HTTP mode, real bolt) with a core on the
 * seeds, driven by simulated users sending signed slash commands over
 * 127.0.0.1 to a fake Slack that receives the answers at response_url.
 * Reports RSS over time (is memory flat?) and answer latency percentiles.
 *
 * Users stay polite by default (one command every 3 s each, the per-person
 * limit of 10 per 30 s); answers the core refuses as rate-limited are
 * counted apart, not as failures. `npm run bench -- soak`, or directly:
 * `tsx bench/soak-bench.ts [commands] [users] [userIntervalMs]`.
 */

/** Options for runSoak. */
export interface SoakOptions {
  /** Total slash commands to send (default 10,000). */
  commands?: number;
  /** Simulated users, each in a channel of their own (default 50). */
  users?: number;
  /** Pause between one user's commands, after the answer arrived (default 3,000 ms). */
  userIntervalMs?: number;
  /** How often RSS is sampled (default 5,000 ms). */
  sampleMs?: number;
  /** An answer not back within this long counts as a timeout (default 15,000 ms). */
  answerTimeoutMs?: number;
  corpusDir?: string;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

/** What runSoak measured. */
export interface SoakResult {
  commands: number;
  users: number;
  durationS: number;
  answered: number;
  rateLimited: number;
  timeouts: number;
  httpErrors: number;
  /** Milliseconds from sending the signed request to the answer at response_url. */
  answerMs: { p50: number; p90: number; p99: number; max: number };
  /** Milliseconds until bolt acknowledged the request (HTTP 200). */
  ackMs: { p50: number; p99: number };
  /** RSS in MB, sampled over time: `[seconds, MB]`. */
  rssMb: [number, number][];
  /**
   * Peak RSS of the second half over the peak of the first half. RSS saws up
   * and down with garbage collection, so peaks (not a single sample) show
   * whether memory creeps: ~1.0 means flat, a leak shows as a ratio well above.
   */
  rssGrowth: number;
  rssPeakMb: { firstHalf: number; secondHalf: number };
  stable: boolean;
}

const COMMANDS: readonly [string, string][] = [
  ['/brief', 'colombia'],
  ['/who', 'blinken'],
  ['/quotes', 'blinken'],
  ['/brief', 'venezuela 7d'],
  ['/topics', '30d'],
];

const SECRET = 'soak-signing-secret';

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run the soak and return its measurements. */
export async function runSoak(opts: SoakOptions = {}): Promise<SoakResult> {
  const total = opts.commands ?? 10_000;
  const users = opts.users ?? 50;
  const interval = opts.userIntervalMs ?? 3_000;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 15_000;
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));

  const waiting = new Map<string, (body: Record<string, unknown>) => void>();
  const fake = await startFakeSlack({ recordResponses: false, onResponse: (id, body) => waiting.get(id)?.(body) });
  const core = await buildCore({ dbPath: ':memory:', corpusDir: opts.corpusDir ?? 'seeds' });
  const adapter = createSlackAdapter({
    config: { botToken: 'xoxb-soak', signingSecret: SECRET, apiUrl: fake.apiUrl, mode: 'http', adminUsers: [] },
    router: core.router, commandPrefix: '', port: 0, host: '127.0.0.1', webApi: { retries: 0, timeoutMs: 5000 },
  });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.port()}/slack/events`;

  const answerMs: number[] = [];
  const ackMs: number[] = [];
  let sent = 0;
  let answered = 0;
  let rateLimited = 0;
  let timeouts = 0;
  let httpErrors = 0;
  let seq = 0;
  const started = Date.now();
  const rss: [number, number][] = [];
  const sample = () => rss.push([Math.round((Date.now() - started) / 1000), Math.round(process.memoryUsage().rss / 1e5) / 10]);
  sample();
  const sampler = setInterval(() => {
    sample();
    progress(`soak: ${sent}/${total} sent, ${answered} answered, ${rateLimited} rate-limited, rss ${rss[rss.length - 1][1]} MB`);
  }, opts.sampleMs ?? 5_000);

  async function one(user: number): Promise<void> {
    const [command, text] = COMMANDS[seq % COMMANDS.length];
    const id = `soak-${seq++}`;
    const body = new URLSearchParams(
      slashCommandPayload({ command, text, responseUrl: fake.responseUrl(id), userId: `U${1000 + user}`, channelId: `C${1000 + user}` }),
    ).toString();
    const answer = new Promise<Record<string, unknown> | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), answerTimeoutMs);
      waiting.set(id, (b) => {
        clearTimeout(timer);
        resolve(b);
      });
    });
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) } }).catch(() => null);
    ackMs.push(performance.now() - t0);
    await res?.arrayBuffer().catch(() => undefined);
    if (!res || res.status !== 200) {
      httpErrors += 1;
      waiting.delete(id);
      return;
    }
    const got = await answer;
    waiting.delete(id);
    if (!got) {
      timeouts += 1;
      return;
    }
    const ms = performance.now() - t0;
    if (/sending (?:commands quickly|a lot of commands)/.test(JSON.stringify(got.blocks ?? got.text ?? ''))) rateLimited += 1;
    else {
      answered += 1;
      answerMs.push(ms);
    }
  }

  async function user(u: number): Promise<void> {
    // Stagger the start so users do not move in lock-step.
    await sleep(Math.floor((u / users) * interval));
    while (sent < total) {
      sent += 1;
      await one(u);
      await sleep(interval);
    }
  }

  try {
    await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  } finally {
    clearInterval(sampler);
    sample();
    await adapter.stop();
    await core.close();
    await fake.close();
  }

  const sorted = answerMs.sort((a, b) => a - b);
  const acks = ackMs.sort((a, b) => a - b);
  const half = Math.max(1, Math.floor(rss.length / 2));
  const firstPeak = Math.max(...rss.slice(0, half).map(([, mb]) => mb));
  const secondPeak = Math.max(...rss.slice(half).map(([, mb]) => mb), 0) || firstPeak;
  const growth = Math.round((secondPeak / Math.max(1, firstPeak)) * 1000) / 1000;
  return {
    commands: sent,
    users,
    durationS: Math.round((Date.now() - started) / 100) / 10,
    answered,
    rateLimited,
    timeouts,
    httpErrors,
    answerMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
    ackMs: { p50: percentile(acks, 50), p99: percentile(acks, 99) },
    rssMb: rss,
    rssGrowth: growth,
    rssPeakMb: { firstHalf: firstPeak, secondHalf: secondPeak },
    stable: growth < 1.1,
  };
}

/** For bench/run.ts: the soak as one JSON line. */
export async function benchSoak(): Promise<string[]> {
  return [JSON.stringify(await runSoak())];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [commands, users, interval] = process.argv.slice(2).map(Number);
  const result = await runSoak({ commands: commands || undefined, users: users || undefined, userIntervalMs: Number.isFinite(interval) ? interval : undefined });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
