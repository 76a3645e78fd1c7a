import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { buildCore } from '../../src/app/build-core.js';
import type { Reply } from '../../src/core/reply.js';
import type { ChildArgs, ChildMessage, MemorySample, ParentMessage, QueryTiming } from './child-protocol.js';

/**
 * One measured process of the scale bench: the real core built by `buildCore` the way the bot builds it
 * (analyses cached, background mode, following other processes' writes), answering commands through the
 * router. The parent times it from spawn to the first answer, sends the query mix, writes the refresh probe's
 * articles from another connection, and asks for the peak RSS at the end. Messages go over the IPC channel.
 */
const importedMs = performance.now();
// Garbage-collection pauses so far: a slow asking is told apart from a collection that landed in it.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const args = JSON.parse(process.argv[2]) as ChildArgs;
const send = (m: ChildMessage) => process.send!(m);
const errors: string[] = [];
const logger = {
  error: (msg: string, meta?: Record<string, unknown>) => void errors.push(`${msg} ${meta ? JSON.stringify(meta) : ''}`.slice(0, 500)),
  warn: () => undefined,
  info: () => undefined,
};

const core = await buildCore({
  dbPath: args.target.engine === 'sqlite' ? args.target.dbPath : ':memory:',
  databaseUrl: args.target.engine === 'postgres' ? args.target.url : null,
  corpusDir: null,
  // Pinned to the version the bench corpus was analysed under: the bench measures serving cached analyses,
  // and analysis code edited since the pool was made must not turn that into re-analysing everything.
  analysisVersion: args.analysisVersion,
  logger,
  background: true,
  watchMs: args.watchMs,
  // The bench asks hundreds of questions as one user: limits would time the refusal, not the answer.
  rateLimits: false,
});
const builtMs = performance.now();
const builtMemory = memorySample();
// Serve-what-is-cached start: the backlog must be empty, else the corpus would be analysing (not what is measured).
const pending = core.corpus.status().pending;
if (pending > args.expectSize * 0.01) {
  send({ type: 'error', message: `${pending} of ${args.expectSize} articles have no cached analysis for this version; regenerate the bench corpus` });
  await core.close();
  process.exit(3);
}
await core.whenReady();
const run = (name: string, text: string) =>
  core.router.run({ name, args: text, actor: { id: 'bench', isAdmin: false }, channel: 'console:bench', platform: 'cli' }) as Promise<Reply>;
const firstQuery = performance.now();
const first = await run('brief', args.firstQuery);
send({
  type: 'ready', importedMs, builtMs, readyMs: firstQuery, answeredMs: performance.now(), size: core.corpus.size(),
  firstAnswer: first.footer ?? first.intro ?? first.title ?? '',
  memory: { built: builtMemory, answered: memorySample() },
});

process.on('message', (raw) => {
  void handle(raw as ParentMessage).catch((e: unknown) => send({ type: 'error', message: (e as Error).stack ?? String(e) }));
});

async function handle(m: ParentMessage): Promise<void> {
  if (m.type === 'queries') {
    const timings: QueryTiming[] = [];
    const stopAt = performance.now() + m.budgetMs;
    for (let round = 0; round < m.rounds && performance.now() < stopAt; round++) {
      for (const q of m.queries) {
        if (performance.now() >= stopAt) break;
        const t = performance.now();
        const gc0 = gcMs;
        const reply = await run(q.command, q.args);
        const ms = performance.now() - t;
        // Entries are delivered asynchronously: let the ones of pauses inside the command arrive first.
        await new Promise((r) => setImmediate(r));
        timings.push({ command: q.command, args: q.args, ms, gcMs: gcMs - gc0, empty: reply.kind === 'empty', failed: reply.kind === 'error', hwmMb: memorySample().hwmMb });
      }
    }
    send({ type: 'timings', timings, memory: memorySample() });
  } else if (m.type === 'watch') {
    // The reply says how many articles the corpus answers from ("· 10000 in corpus"): the new ones are
    // visible when that count has grown by all of them and the briefing on their marker word finds them.
    // (Its "matching articles" count cannot tell: it counts whole stories, and clones join their pool twin's.)
    const before = corpusSizeIn(await run('brief', m.marker));
    send({ type: 'watching' });
    const deadline = performance.now() + m.timeoutMs;
    let polls = 0;
    let seen = 0;
    while (performance.now() < deadline) {
      polls++;
      const reply = await run('brief', m.marker);
      seen = reply.kind === 'empty' || reply.kind === 'error' ? 0 : corpusSizeIn(reply) - before;
      if (seen >= m.expect) break;
      await new Promise((r) => setTimeout(r, m.pollMs));
    }
    send({ type: 'visible', at: Date.now(), polls, seen, memory: memorySample() });
  } else if (m.type === 'finish') {
    const memory = memorySample();
    send({ type: 'done', peakRssMb: memory.hwmMb, rssMb: memory.rssMb, heapUsedMb: memory.heapUsedMb, errors: errors.slice(0, 5), memory });
    await core.close();
    process.disconnect();
  }
}

/** This process's memory now (Linux /proc; NaN fields elsewhere). */
function memorySample(): MemorySample {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // not Linux: the V8 figures still say something
  }
  const mb = (field: string) => Math.round(Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) / 1024);
  const v8 = process.memoryUsage();
  return { hwmMb: mb('VmHWM'), rssMb: mb('VmRSS'), rssFileMb: mb('RssFile'), heapUsedMb: Math.round(v8.heapUsed / 1048576), externalMb: Math.round(v8.external / 1048576) };
}

/** The corpus size a /brief reply states ("… · 10000 in corpus", or "in the 10000 articles newsdesk has"). */
function corpusSizeIn(reply: Reply): number {
  const m = /(\d+) in corpus/.exec(reply.footer ?? '') ?? /in the (\d+) articles/.exec(reply.intro ?? '');
  if (!m) throw new Error(`cannot read the corpus size from the /brief reply: ${JSON.stringify(reply).slice(0, 300)}`);
  return Number(m[1]);
}
