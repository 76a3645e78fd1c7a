import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/app/build-core.js';
import type { SlackAdapter } from '../../../src/adapters/slack/index.js';
import { appMentionEvent, type FakeSlack, slashCommandPayload, startFakeSlack } from '../../fakes/fake-slack.js';
import { blocksText, seedCore, spyRouter, startAdapter } from './slack-test-kit.js';

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

describe('Slack adapter over Socket Mode (real bolt, fake Slack)', () => {
  it('opens the socket with the app token and answers /brief colombia at the response_url', async () => {
    fake = await startFakeSlack();
    const router = spyRouter(core.router);
    adapter = await startAdapter(fake, router, { slack: { mode: 'auto', appToken: 'xapp-test-token', signingSecret: undefined } });
    expect(adapter.transport).toBe('socket');
    await fake.socketConnected();
    const [open] = await fake.waitForCall('apps.connections.open');
    expect(open.authorization).toBe('Bearer xapp-test-token');

    const ack = await fake.sendEnvelope('slash_commands', slashCommandPayload({ command: '/brief', text: 'colombia', responseUrl: fake.responseUrl('s1') }));
    expect(ack.envelope_id).toBeDefined();
    const [answer] = await fake.waitForResponses('s1');
    expect(answer.response_type).toBe('ephemeral');
    expect((answer.blocks as { type: string }[])[0]).toMatchObject({ type: 'header', text: { text: 'Briefing: colombia' } });
    expect(blocksText(answer)).toContain('Venezuela');
    expect(router.runs[0]).toMatchObject({ name: 'brief', args: 'colombia', channel: 'slack:T1:C1' });
  });

  it('handles app_mention envelopes and still serves /healthz on its port', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, core.router, { slack: { mode: 'socket', appToken: 'xapp-test-token' } });
    await fake.socketConnected();
    await fake.sendEnvelope('events_api', appMentionEvent({ text: '<@UBOT> who blinken' }));
    const [call] = await fake.waitForCall('chat.postMessage');
    expect(call.body.channel).toBe('C1');
    expect(blocksText(call.body).toLowerCase()).toContain('blinken');

    const health = await fetch(`http://127.0.0.1:${adapter.port()}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });
});
