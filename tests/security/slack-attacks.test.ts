import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/app/build-core.js';
import type { SlackAdapter } from '../../src/adapters/slack/index.js';
import { checkSlackSignature, parseSlackBody } from '../../src/adapters/slack/guarded-receiver.js';
import { envelopeProblem } from '../../src/adapters/slack/socket-guard.js';
import { appMentionEvent, type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack } from '../fakes/fake-slack.js';
import { MAX_INPUT_ARGS } from '../../src/adapters/input-limit.js';
import { SIGNING_SECRET, seedCore, spyRouter, startAdapter } from '../adapters/slack/slack-test-kit.js';

/**
 * Attacks on the Slack transports, each sent over real sockets to the real
 * bolt App: the process must survive, refuse, and keep answering honest
 * requests afterwards.
 */

let core: Core;
let fake: FakeSlack;
let adapter: SlackAdapter | undefined;

beforeAll(async () => {
  core = await seedCore();
});
afterAll(async () => {
  await core.close();
});
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
});

const url = () => `http://127.0.0.1:${adapter!.port()}/slack/events`;
const FORM = 'application/x-www-form-urlencoded';

function signedPost(body: string, contentType: string, ts?: number): Promise<Response> {
  return fetch(url(), { method: 'POST', headers: { 'content-type': contentType, ...signSlackRequest(SIGNING_SECRET, body, ts) }, body });
}

async function honestCommandWorks(id: string): Promise<void> {
  const body = new URLSearchParams(slashCommandPayload({ command: '/brief', text: 'colombia', responseUrl: fake.responseUrl(id) })).toString();
  expect((await signedPost(body, FORM)).status).toBe(200);
  await fake.waitForResponses(id);
}

describe('Slack HTTP receiver under attack', () => {
  it('refuses signed non-object JSON bodies (null, array, number, string) with 400 and keeps serving', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    for (const body of ['null', '[]', '42', '"x"', 'true']) {
      const res = await signedPost(body, 'application/json');
      expect(res.status, body).toBe(400);
    }
    // Form body whose interactive `payload` is JSON null.
    expect((await signedPost('payload=null', FORM)).status).toBe(400);
    expect(router.runs).toHaveLength(0);
    await honestCommandWorks('after-null');
  });

  it('refuses timestamps more than 5 minutes in the past and in the future with 401', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const now = Math.floor(Date.now() / 1000);
    const body = new URLSearchParams(slashCommandPayload({ command: '/brief', text: 'colombia', responseUrl: fake.responseUrl('t') })).toString();
    expect((await signedPost(body, FORM, now - 301)).status).toBe(401);
    expect((await signedPost(body, FORM, now + 3600)).status).toBe(401);
    expect((await signedPost(body, FORM, now + 400)).status).toBe(401);
    expect(router.runs).toHaveLength(0);
    // Inside the window either way is fine (clock drift).
    expect((await signedPost(body, FORM, now + 60)).status).toBe(200);
  });

  it('answers 413 to a body over 1 MB without waiting for all of it', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, core.router);
    const big = 'text=' + 'a'.repeat(1_200_000);
    const res = await signedPost(big, FORM);
    expect(res.status).toBe(413);
    // A declared length over the limit is refused before any byte is read.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url(), { method: 'POST', headers: { 'content-type': FORM, 'content-length': String(50_000_000) } }, (res2) => {
        res2.resume();
        resolve(res2.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('text=a'); // far less than declared: the answer must not wait for the rest
    });
    expect(status).toBe(413);
    await honestCommandWorks('after-big');
  });
});

describe('Slack commands of 40 KB', () => {
  it('cuts a 40 KB slash text and a 40 KB @mention to the argument limit before the core sees them', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const huge = `colombia ${'x '.repeat(20_000)}`;
    const slash = new URLSearchParams(slashCommandPayload({ command: '/brief', text: huge, responseUrl: fake.responseUrl('huge') })).toString();
    expect((await signedPost(slash, FORM)).status).toBe(200);
    await fake.waitForResponses('huge');
    expect((await signedPost(JSON.stringify(appMentionEvent({ text: `<@UBOT> brief ${huge}` })), 'application/json')).status).toBe(200);
    await fake.waitForCall('chat.postMessage');
    expect(router.runs).toHaveLength(2);
    for (const run of router.runs) {
      expect(run.name).toBe('brief');
      expect(run.args.length).toBeLessThanOrEqual(MAX_INPUT_ARGS);
      expect(run.args.startsWith('colombia')).toBe(true);
    }
  });
});

describe('Slack Socket Mode under attack', () => {
  it('drops envelopes with null payload / null event / null body and keeps answering', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router, { slack: { mode: 'socket', appToken: 'xapp-test-token' } });
    await fake.socketConnected();
    fake.sendRaw('null');
    fake.sendRaw('[]');
    fake.sendRaw(JSON.stringify({ envelope_id: 'x1', type: 'events_api', payload: null }));
    fake.sendRaw(JSON.stringify({ envelope_id: 'x2', type: 'events_api', payload: { event: null } }));
    // A dropped envelope with an id is still acknowledged, so Slack does not resend it.
    const ack = await fake.sendEnvelope('slash_commands', null as unknown as Record<string, unknown>);
    expect(ack.envelope_id).toBeDefined();
    await fake.sendEnvelope('slash_commands', slashCommandPayload({ command: '/brief', text: 'colombia', responseUrl: fake.responseUrl('ok') }));
    await fake.waitForResponses('ok');
    expect(router.runs).toHaveLength(1);
  });
});

describe('the pure checks', () => {
  const body = Buffer.from('a=1');
  const ts = 1_700_000_000;
  const sig = signSlackRequest('s', 'a=1', ts)['x-slack-signature'];
  it('accepts a fresh correct signature and refuses every tampered variant', () => {
    expect(checkSlackSignature('s', String(ts), sig, body, ts * 1000)).toBeNull();
    expect(checkSlackSignature('s', String(ts), sig, Buffer.from('a=2'), ts * 1000)?.status).toBe(401);
    expect(checkSlackSignature('other', String(ts), sig, body, ts * 1000)?.status).toBe(401);
    expect(checkSlackSignature('s', String(ts), sig, body, (ts + 301) * 1000)?.status).toBe(401);
    expect(checkSlackSignature('s', String(ts), sig, body, (ts - 301) * 1000)?.status).toBe(401);
    expect(checkSlackSignature('s', `${ts}.5`, sig, body, ts * 1000)?.status).toBe(401);
    expect(checkSlackSignature('s', String(ts), sig.slice(0, -2), body, ts * 1000)?.status).toBe(401);
  });
  it('parses bodies the way bolt does and insists on objects', () => {
    expect(parseSlackBody(FORM, Buffer.from('text=hi'))).toMatchObject({ text: 'hi' });
    expect(parseSlackBody(FORM, Buffer.from('payload=%7B%22type%22%3A%22x%22%7D'))).toEqual({ type: 'x' });
    expect(parseSlackBody(FORM, Buffer.from('payload=%5B%5D'))).toBeNull();
    expect(parseSlackBody('application/json', Buffer.from('{"type":"event_callback"}'))).toEqual({ type: 'event_callback' });
    expect(parseSlackBody('application/json', Buffer.from('null'))).toBeNull();
    expect(parseSlackBody('application/json', Buffer.from('{'))).toBeNull();
  });
  it('names the problem with a malformed envelope', () => {
    expect(envelopeProblem('{"type":"hello"}')).toBeNull();
    expect(envelopeProblem('null')).toMatch(/not an object/);
    expect(envelopeProblem('{"type":"slash_commands","payload":"x"}')).toMatch(/payload/);
    expect(envelopeProblem('{"type":"events_api","payload":{"event":{"type":"app_mention"}}}')).toBeNull();
    expect(envelopeProblem('{"type":"events_api","payload":{"event":[]}}')).toMatch(/event/);
  });
});
