import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/app/build-core.js';
import type { SlackAdapter } from '../../../src/adapters/slack/index.js';
import { appMentionEvent, buttonClickPayload, type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, blocksText, seedCore, spyRouter, startAdapter } from './slack-test-kit.js';

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

/** POST a body to the adapter, signed unless told otherwise. */
async function post(path: string, body: string, contentType: string, sign: { secret?: string; ts?: number } = {}): Promise<Response> {
  const headers = { 'content-type': contentType, ...signSlackRequest(sign.secret ?? SIGNING_SECRET, body, sign.ts) };
  return fetch(`http://127.0.0.1:${adapter!.port()}${path}`, { method: 'POST', headers, body });
}

function slashForm(command: string, text: string, responseId: string): string {
  return new URLSearchParams(slashCommandPayload({ command, text, responseUrl: fake.responseUrl(responseId) })).toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack adapter over HTTP (real bolt, fake Slack)', () => {
  it('answers a signed /brief colombia with Block Kit at the response_url, privately with a Share button', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);

    const t0 = Date.now();
    const res = await post('/slack/events', slashForm('/brief', 'colombia', 'r1'), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3000);

    const [answer] = await fake.waitForResponses('r1');
    expect(answer.response_type).toBe('ephemeral');
    const blocks = answer.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Briefing: colombia' } });
    expect(blocksText(answer)).toMatch(/Venezuela/);
    expect(blocks.some((b) => b.type === 'actions' && JSON.stringify(b).includes('newsdesk_share'))).toBe(true);
    expect(String(answer.text)).toMatch(/^Briefing: colombia/);
    expect(router.runs[0]).toMatchObject({ name: 'brief', args: 'colombia', channel: 'slack:T1:C1', platform: 'slack', actor: { id: 'U1', isAdmin: false } });
  });

  it('rejects a bad signature with 401 and runs nothing', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const res = await post('/slack/events', slashForm('/brief', 'colombia', 'bad'), 'application/x-www-form-urlencoded', { secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    await sleep(150);
    expect(router.runs).toHaveLength(0);
    expect(fake.responses.get('bad')).toBeUndefined();
  });

  it('rejects a stale timestamp (10 minutes old) with 401 and runs nothing', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const res = await post('/slack/events', slashForm('/brief', 'colombia', 'old'), 'application/x-www-form-urlencoded', { ts: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    await sleep(150);
    expect(router.runs).toHaveLength(0);
    expect(fake.responses.get('old')).toBeUndefined();
  });

  it('shares to the channel with a trailing "share", stripping it from the arguments', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    await post('/slack/events', slashForm('/brief', 'colombia share', 'r2'), 'application/x-www-form-urlencoded');
    const [answer] = await fake.waitForResponses('r2');
    expect(answer.response_type).toBe('in_channel');
    expect(blocksText(answer)).not.toContain('newsdesk_share');
    expect(router.runs[0].args).toBe('colombia');
  });

  it('"Share to channel" button re-posts the answer publicly and deletes the private copy', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const payload = buttonClickPayload({ actionId: 'newsdesk_share', value: 'brief colombia', responseUrl: fake.responseUrl('b1'), userId: 'U2' });
    const res = await post('/slack/events', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const [shared, deleted] = await fake.waitForResponses('b1', 2);
    expect(shared.response_type).toBe('in_channel');
    expect(blocksText(shared)).toContain('Briefing: colombia');
    expect(deleted).toMatchObject({ delete_original: true });
    expect(router.runs[0]).toMatchObject({ name: 'brief', args: 'colombia', actor: { id: 'U2' } });
  });

  it('answers an app_mention in a thread via chat.postMessage', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router);
    const event = appMentionEvent({ text: '<@UBOT> brief colombia', ts: '1700000000.000900' });
    const res = await post('/slack/events', JSON.stringify(event), 'application/json');
    expect(res.status).toBe(200);
    const [call] = await fake.waitForCall('chat.postMessage');
    expect(call.body).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000900' });
    expect(call.authorization).toBe('Bearer xoxb-test-token');
    expect(blocksText(call.body)).toContain('Briefing: colombia');
    expect(router.runs[0]).toMatchObject({ name: 'brief', args: 'colombia' });
  });

  it('answers url_verification and serves /healthz and extra routes on the same port', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, core.router, {
      extraRoutes: [{ path: '/discord/interactions', method: 'POST', handler: (_q, r) => r.writeHead(200).end('{"type":1}') }],
    });
    const health = await fetch(`http://127.0.0.1:${adapter.port()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const extra = await fetch(`http://127.0.0.1:${adapter.port()}/discord/interactions`, { method: 'POST', body: '{}' });
    expect(await extra.text()).toBe('{"type":1}');
    const challenge = await post('/slack/events', JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), 'application/json');
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });
  });

  it('with prefix "nd-", /nd-brief and /newsdesk brief both work', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router, { commandPrefix: 'nd-' });
    await post('/slack/events', slashForm('/nd-brief', 'colombia', 'p1'), 'application/x-www-form-urlencoded');
    await post('/slack/events', slashForm('/newsdesk', 'brief colombia', 'p2'), 'application/x-www-form-urlencoded');
    const [a] = await fake.waitForResponses('p1');
    const [b] = await fake.waitForResponses('p2');
    expect(blocksText(a)).toContain('Briefing: colombia');
    expect(blocksText(b)).toContain('Briefing: colombia');
    expect(router.runs.map((r) => [r.name, r.args])).toEqual([
      ['brief', 'colombia'],
      ['brief', 'colombia'],
    ]);
  });
});
