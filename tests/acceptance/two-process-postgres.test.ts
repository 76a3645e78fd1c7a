import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type BotProcess, freePort, pollUntil, slashCommand, spawnBot, textOf } from './bot-process.js';
import { compiledApp } from './compiled-app.js';
import { type FreshPostgres, freshPostgres } from './fresh-postgres.js';

/**
 * Acceptance test for issue #18, "several processes, one desk", run from
 * outside: two compiled bot processes (what `npm start` runs) started at the
 * same moment from the project folder on a fresh PostgreSQL database (a
 * non-superuser role; migrations and channels.yaml seeding race), with the
 * same NEWSDESK_DATABASE_URL and NEWSDESK_DB, different PORTs, one fake
 * Slack in HTTP mode, and a channels.yaml digest every minute that posts
 * even when nothing is new. Checked through public surfaces only: /healthz,
 * signed /brief requests to each process, what reaches the fake Slack, exits.
 *
 * Needs a real server: NEWSDESK_TEST_DATABASE_URL (CI's .ci/run always sets
 * one). NEWSDESK_TEST_ADMIN_DATABASE_URL, when also set, lets the test make a
 * new role and database; otherwise it uses a new schema owned by the given
 * (non-superuser) role. The tests run in order and share the two processes.
 */

const url = process.env.NEWSDESK_TEST_DATABASE_URL;
const adminUrl = process.env.NEWSDESK_TEST_ADMIN_DATABASE_URL;
const MINUTE = 60_000;
const TOKEN = `xoxb-twoproc-${randomBytes(8).toString('hex')}`;
const SECRET = `twoproc-signing-${randomBytes(12).toString('hex')}`;
/** The digest channel (channels.yaml) and where its posts land at the fake Slack. */
const DIGEST_ADDRESS = 'slack:T1:C1';
const DIGEST_CHANNEL = 'C1';
/** An invented place, so the new article is the only one that can answer for it. */
const TOPIC = `quillmarsh${randomBytes(2).toString('hex')}`;
const HEADLINE = `${TOPIC[0].toUpperCase()}${TOPIC.slice(1)} council approves the new tram depot`;

/** One digest post as the fake Slack received it. */
interface Post {
  at: number;
  text: string;
}

const log = (line: string) => console.log(`[two-process #18] ${line}`); // eslint-disable-line no-console
const report: Record<string, unknown> = {};
let dir = '';
let db: FreshPostgres | undefined;
let slack: FakeSlack | undefined;
let bots: BotProcess[] = [];
let env: Record<string, string> = {};
let recorder: NodeJS.Timeout | undefined;
let seenCalls = 0;
const posts: Post[] = [];
let bothHealthyAt = 0;

const minuteOf = (t: number) => Math.floor(t / MINUTE) * MINUTE;
const iso = (t: number) => new Date(t).toISOString();
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
const postsIn = (slot: number) => posts.filter((p) => minuteOf(p.at) === slot);
const tails = () => bots.map((b) => b.tail(1500)).join('\n');

/** Slot keys each process logged as posted (JSON lines with msg "digest posted"); diagnostics and a cross-check. */
function loggedPosts(bot: BotProcess): string[] {
  const slots: string[] = [];
  for (const line of bot.output().split('\n')) {
    if (!line.includes('digest posted')) continue;
    try {
      const o = JSON.parse(line) as { msg?: string; slot?: string; address?: string };
      if (o.msg === 'digest posted' && o.address === DIGEST_ADDRESS && o.slot) slots.push(o.slot);
    } catch {
      // not a JSON line
    }
  }
  return slots;
}

/**
 * Where the ingested article was stored, for the report only (articles are moving from the SQLite file to
 * PostgreSQL): whether the test's PostgreSQL database has an `articles` table, its rows and whether the new
 * article is one (a query on the store's schema, for this report only), and the size of the shared SQLite file. Not asserted: the acceptance criterion is what /brief answers.
 */
async function articleCarrier(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // WAL mode: recent writes sit in the -wal file until a checkpoint.
  for (const suffix of ['', '-wal']) {
    try {
      out[`sqliteFile${suffix}Bytes`] = statSync(`${env.NEWSDESK_DB}${suffix}`).size;
    } catch {
      out[`sqliteFile${suffix}Bytes`] = null;
    }
  }
  const c = await db!.connect();
  try {
    const has = (await c.query<{ t: string | null }>("SELECT to_regclass('articles')::text AS t")).rows[0].t;
    out.postgresArticlesTable = has;
    if (has) {
      out.postgresArticleRows = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0].n);
      out.postgresHasTheArticle = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE title = $1', [HEADLINE])).rows[0].n) > 0;
    }
  } finally {
    await c.end();
  }
  return out;
}

/** Ask `bot` for `/brief <TOPIC>` until the answer shows the new headline; resolves with the time it did. */
async function findOn(bot: BotProcess, deadline: number): Promise<number> {
  let attempt = 0;
  let last = '';
  for (;;) {
    attempt++;
    const id = `find-${bot.name}-${attempt}`;
    // A fresh user and channel each time: the rate limits (10 per user, 30 per channel, per 30 s) never bite.
    const answer = await slashCommand(bot, slack!, { id, text: TOPIC, userId: `UF${bot.name}${attempt}`, channelId: `CF${bot.name}${attempt}`, timeoutMs: 10_000 });
    last = answer ? textOf(answer) : '(no answer within 10 s)';
    if (last.includes(HEADLINE)) return Date.now();
    if (Date.now() > deadline) throw new Error(`${bot.name}: /brief ${TOPIC} did not show "${HEADLINE}" in time; last answer: ${last.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe.skipIf(!url)('issue #18 acceptance: two processes on one PostgreSQL database behave as one bot', () => {
  beforeAll(async () => {
    const app = compiledApp(process.cwd(), log);
    report.rebuiltDist = app.rebuilt;
    db = await freshPostgres(url!, adminUrl);
    report.database = db.describe;
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-twoproc-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    cpSync('seeds', join(corpus, 'seeds'), { recursive: true });
    writeFileSync(
      join(dir, 'channels.yaml'),
      [
        'channels:',
        `  - address: ${DIGEST_ADDRESS}`,
        '    topics: [colombia]',
        '    schedule: "* * * * *"',
        '    timezone: UTC',
        '    postWhenEmpty: true',
        '',
      ].join('\n'),
    );
    slack = await startFakeSlack();
    // The fake Slack keeps no arrival times; note each digest post within 100 ms of its arrival.
    recorder = setInterval(() => {
      for (; seenCalls < slack!.calls.length; seenCalls++) {
        const c = slack!.calls[seenCalls];
        if (c.method === 'chat.postMessage' && c.body.channel === DIGEST_CHANNEL) posts.push({ at: Date.now(), text: textOf(c.body).slice(0, 300) });
      }
    }, 100);
    env = {
      NEWSDESK_DATABASE_URL: db.url,
      // Articles may still live in SQLite while they move to PostgreSQL: one file for both, so either path works.
      NEWSDESK_DB: join(dir, 'shared.db'),
      NEWSDESK_CORPUS: corpus,
      NEWSDESK_CHANNELS: join(dir, 'channels.yaml'),
      NEWSDESK_FEEDS: join(dir, 'no-feeds.yaml'),
      NEWSDESK_ENV_FILE: join(dir, 'none.env'),
      NEWSDESK_ANALYSIS_WORKERS: '2',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_MODE: 'http',
    };
    const ports = [await freePort(), await freePort()];
    // Same tick, same folder, same database: migrations, corpus seeding and channels.yaml seeding race.
    bots = ['A', 'B'].map((name, i) => spawnBot({ name, command: app.command, cwd: process.cwd(), env: { ...env, PORT: String(ports[i]) }, port: ports[i], signingSecret: SECRET }));
    report.spawnedAt = iso(Date.now());
  }, 300_000);

  afterAll(async () => {
    if (recorder) clearInterval(recorder);
    for (const b of bots) if (b.alive()) b.kill('SIGKILL');
    await Promise.all(bots.map((b) => (b.exit() ? undefined : new Promise((r) => b.child.once('exit', r)))));
    await slack?.close();
    await db?.drop().catch((e: unknown) => log(`could not drop the test database: ${(e as Error).message}`));
    if (dir) rmSync(dir, { recursive: true, force: true });
    report.posts = posts.map((p) => iso(p.at));
    report.loggedPosts = Object.fromEntries(bots.map((b) => [b.name, loggedPosts(b)]));
    if (process.env.ACCEPTANCE_DEBUG) log(`output:\n${tails()}`);
    log(JSON.stringify(report, null, 1));
  }, 60_000);

  it('1. both processes, started together on a fresh database, become healthy', async () => {
    const t0 = Date.now();
    const healthyAt = await Promise.all(
      bots.map((b) =>
        pollUntil(async () => {
          if (!b.alive()) throw new Error(`${b.name} exited during start-up: ${b.tail()}`);
          const h = await b.health();
          return h?.ready === true ? Date.now() : undefined;
        }, 120_000, () => `${b.name} /healthz ready (${b.tail()})`),
      ),
    );
    bothHealthyAt = Math.max(...healthyAt);
    report.healthyAfterMs = Object.fromEntries(bots.map((b, i) => [b.name, healthyAt[i] - t0]));
    for (const b of bots) expect(b.output(), `${b.name} must not fail to start`).not.toMatch(/could not start/);
  }, 130_000);

  it('2. an article ingested by `npm run cli -- ingest` with the same URL is found by /brief on each process within 20 s', async () => {
    expect(bothHealthyAt, 'both processes healthy first').toBeGreaterThan(0);
    const article = join(dir, 'incoming', `${TOPIC}.md`);
    mkdirSync(join(dir, 'incoming'));
    const today = new Date().toISOString().slice(0, 10);
    writeFileSync(
      article,
      [
        '---',
        `title: ${HEADLINE}`,
        `date: ${today}`,
        'publisher: Two Process Gazette',
        '---',
        '',
        `The ${HEADLINE.split(' ')[0]} town council voted on Tuesday to build a new tram depot beside the old gasworks, ending a two-year dispute over the site.`,
        '',
        `"We have waited long enough for this depot," said Mayor Ingrid Halloway after the vote. The depot will house twelve trams and open in 2028, the council said.`,
        '',
        'Residents near the gasworks had asked for a noise study, which the council agreed to publish before building starts.',
        '',
      ].join('\n'),
    );
    const t0 = Date.now();
    // The README's command, with the same database settings as the bots (no PORT, no Slack: it is a CLI run).
    const { SLACK_BOT_TOKEN: _token, SLACK_SIGNING_SECRET: _secret, ...cliEnv } = env;
    const cli = spawn('npm', ['run', 'cli', '--', 'ingest', article], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', ...cliEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let cliOut = '';
    cli.stdout.on('data', (d) => (cliOut += String(d)));
    cli.stderr.on('data', (d) => (cliOut += String(d)));
    // A hung CLI must not outlive the test: give up (and kill it) well inside the test's timeout.
    const cliTimer = setTimeout(() => cli.kill('SIGKILL'), 100_000);
    const code = await new Promise<number | null>((resolve) => cli.once('exit', (c) => resolve(c)));
    clearTimeout(cliTimer);
    const ingestedAt = Date.now();
    report.cliIngestMs = ingestedAt - t0;
    // The 20 s are counted from the CLI's exit (the article is stored by then); from its start is reported too.
    report.cliOutput = cliOut.split('\n').filter((l) => /^(ingested|corpus):/.test(l));
    expect(code, `npm run cli -- ingest exited ${code}: ${cliOut.slice(-2000)}`).toBe(0);
    expect(cliOut, 'the CLI must report the new article as added').toMatch(/ingested: 1 added/);
    report.articleCarrier = await articleCarrier().catch((e: unknown) => `not determined: ${(e as Error).message}`);
    // Each process is asked on its own: the article must reach both, not just the one that happens to answer.
    const foundAt = await Promise.all(bots.map((b) => findOn(b, ingestedAt + 20_000)));
    report.visibleAfterIngestMs = Object.fromEntries(bots.map((b, i) => [b.name, foundAt[i] - ingestedAt]));
    report.visibleAfterCliStartMs = Object.fromEntries(bots.map((b, i) => [b.name, foundAt[i] - t0]));
    for (const [i, b] of bots.entries()) expect(foundAt[i] - ingestedAt, `${b.name} found the article ${foundAt[i] - ingestedAt} ms after the CLI exited`).toBeLessThanOrEqual(20_000);
  }, 150_000);

  it('3. while both run, every minute slot is posted exactly once (two slots)', async () => {
    expect(bothHealthyAt, 'both processes healthy first').toBeGreaterThan(0);
    // Slots that fire after both are healthy; each post lands within seconds of its slot, so a post belongs to the minute it arrived in.
    const first = minuteOf(bothHealthyAt) + MINUTE;
    const slots = [first, first + MINUTE];
    report.bothAliveSlots = slots.map(iso);
    await sleepUntil(slots[1] + 15_000);
    for (const b of bots) expect(b.alive(), `${b.name} must still run: ${b.tail()}`).toBe(true);
    for (const s of slots) expect(postsIn(s).length, `digest posts in the slot ${iso(s)} (both alive): ${JSON.stringify(postsIn(s))}\n${tails()}`).toBe(1);
  }, 200_000);

  it('4. one process SIGKILLed just before a slot: the survivor posts that slot, once', async () => {
    expect(bots.every((b) => b.alive()), 'both processes alive before the kill').toBe(true);
    let slot = minuteOf(Date.now()) + MINUTE;
    if (slot - Date.now() < 10_000) slot += MINUTE;
    // Kill the one that posted the latest slot, if the logs say which: the likelier winner of the next claim.
    const lastBy = bots
      .map((b) => ({ b, last: loggedPosts(b).sort().at(-1) ?? '' }))
      .sort((x, y) => (x.last < y.last ? 1 : -1))[0];
    const victim = lastBy.last ? lastBy.b : bots[0];
    const survivor = bots.find((b) => b !== victim)!;
    await sleepUntil(slot - 3_000);
    victim.kill('SIGKILL');
    await pollUntil(() => (victim.exit() ? true : undefined), 10_000, () => `${victim.name} to die`);
    report.killed = { victim: victim.name, at: iso(Date.now()), slot: iso(slot), exit: victim.exit() };
    expect(victim.exit()?.signal, 'the victim died of SIGKILL').toBe('SIGKILL');
    const post = await pollUntil(() => postsIn(slot)[0], 45_000, () => `the survivor ${survivor.name} to post the slot ${iso(slot)} (${survivor.tail()})`);
    report.survivorPostedAfterSlotMs = post.at - slot;
    // A second post of the same slot would come at once (a double claim) or after a claim expiry; watch a while.
    await sleepUntil(slot + 25_000);
    expect(postsIn(slot).length, `posts in the slot ${iso(slot)} after the kill: ${JSON.stringify(postsIn(slot))}`).toBe(1);
    expect(survivor.alive(), `the survivor must keep running: ${survivor.tail()}`).toBe(true);
    expect((await survivor.health())?.ready, 'the survivor still answers /healthz').toBe(true);
  }, 120_000);

  it('5. over the whole run no slot was posted twice', () => {
    const byMinute = new Map<number, number>();
    for (const p of posts) byMinute.set(minuteOf(p.at), (byMinute.get(minuteOf(p.at)) ?? 0) + 1);
    // From the first slot after both were healthy a post belongs to the minute it arrived in; before that, a
    // process's start-up catch-up may post the slot it started in late, so only the logged slot keys can tell.
    const doubled = [...byMinute].filter(([m, n]) => m > minuteOf(bothHealthyAt) && n > 1).map(([m, n]) => `${iso(m)}×${n}`);
    expect(doubled, `minutes with more than one digest post: ${JSON.stringify(posts.map((p) => iso(p.at)))}`).toEqual([]);
    const logged = bots.flatMap((b) => loggedPosts(b));
    if (logged.length > 0) {
      const twice = logged.filter((s, i) => logged.indexOf(s) !== i);
      expect(twice, `slots logged as posted by more than one process (or twice): ${JSON.stringify(report.loggedPosts ?? logged)}`).toEqual([]);
      expect(posts.length, `digest posts at the fake Slack vs "digest posted" log lines ${JSON.stringify(logged)}`).toBe(logged.length);
    } else {
      log('no "digest posted" log lines found; the slot-key cross-check was not made');
    }
    expect(posts.length, 'digests were posted at all').toBeGreaterThanOrEqual(3);
  });

  it('6. neither process logged an error (a lost migration, seeding or claim race shows up here first)', () => {
    const errors = bots.flatMap((b) =>
      b
        .output()
        .split('\n')
        .filter((l) => /^\{.*"level":"(error|fatal)"/.test(l))
        .map((l) => `${b.name}: ${l.slice(0, 400)}`),
    );
    expect(errors, 'error-level log lines').toEqual([]);
  });
});

if (!url) {
  describe('issue #18 acceptance: two processes on one PostgreSQL database', () => {
    it.skip('skipped: needs a real PostgreSQL server — set NEWSDESK_TEST_DATABASE_URL=postgres://… (.ci/run and `.ci/run with-postgres CMD` do)', () => undefined);
  });
}
