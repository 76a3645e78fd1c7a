import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { CommandRouter } from '../../../src/core/adapter.js';
import type { CommandSpec } from '../../../src/core/command-spec.js';
import { NewsdeskError } from '../../../src/core/errors.js';
import type { CommandInvocation } from '../../../src/core/invocation.js';
import { makeReply } from '../../../src/core/reply.js';
import { type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, slackConfig, startAdapter } from './slack-test-kit.js';

let fake: FakeSlack;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
});

const digest = makeReply({
  title: 'Morning digest: elections',
  sections: [{ items: [{ title: 'Polls open across the region', summary: 'Turnout was steady by noon.', source: 'example.org', date: '2024-05-02' }] }],
  visibility: 'channel',
});

/** A tiny router with one admin-only command, echoing whether the actor counted as admin. */
function adminRouter(): CommandRouter & { runs: CommandInvocation[] } {
  const specs: CommandSpec[] = [
    { name: 'settings', description: 'Change settings', args: [], adminOnly: true, examples: [] },
    { name: 'brief', description: 'Brief', args: [], adminOnly: false, examples: [] },
  ];
  const runs: CommandInvocation[] = [];
  return {
    runs,
    specs: () => specs,
    run: async (inv) => {
      runs.push(inv);
      return makeReply({ title: `admin=${inv.actor.isAdmin}`, sections: [] });
    },
    complete: () => [],
  };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<NewsdeskError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NewsdeskError);
  expect((err as NewsdeskError).code).toBe(code);
  return err as NewsdeskError;
}

describe('SlackAdapter.post (digest delivery)', () => {
  it('posts a digest to slack:T1:C1 through chat.postMessage with blocks and fallback text', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, adminRouter());
    expect(adapter.owns('slack:T1:C1')).toBe(true);
    expect(adapter.owns('discord:1:2')).toBe(false);
    await adapter.post('slack:T1:C1', digest);
    const [call] = await fake.waitForCall('chat.postMessage');
    expect(call.body.channel).toBe('C1');
    expect(String(call.body.text)).toContain('Morning digest: elections');
    expect(JSON.stringify(call.body.blocks)).toContain('Polls open across the region');
    // Already public: no "Share to channel" button on posted messages.
    expect(JSON.stringify(call.body.blocks)).not.toContain('newsdesk_share');
  });

  it('maps Slack failures to NewsdeskError codes', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, adminRouter());
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const rl = await expectCode(adapter.post('slack:T1:C1', digest), 'rate_limited');
    expect(rl.retryAfterMs).toBe(7000);
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expectCode(adapter.post('slack:T1:C1', digest), 'channel_gone');
    fake.failNext('chat.postMessage', { error: 'is_archived' });
    await expectCode(adapter.post('slack:T1:C1', digest), 'channel_gone');
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expectCode(adapter.post('slack:T1:C1', digest), 'not_in_channel');
    fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    await expectCode(adapter.post('slack:T1:C1', digest), 'auth_failed');
    fake.failNext('chat.postMessage', { status: 503 });
    await expectCode(adapter.post('slack:T1:C1', digest), 'platform_unavailable');
    await expectCode(adapter.post('discord:1:2', digest), 'channel_gone');
  });

  it('fails start() with auth_failed when auth.test rejects the token', async () => {
    fake = await startFakeSlack();
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const a = createSlackAdapter({ config: slackConfig(fake), router: adminRouter(), commandPrefix: '', port: 0, host: '127.0.0.1', webApi: { retries: 0 } });
    await expectCode(a.start(), 'auth_failed');
  });

  it('maps an unreachable Slack to platform_unavailable', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, adminRouter());
    await fake.close();
    await expectCode(adapter.post('slack:T1:C1', digest), 'platform_unavailable');
    fake = await startFakeSlack(); // so afterEach has something to close
  });
});

describe('Slack admin detection', () => {
  async function runAs(userId: string, command = '/settings'): Promise<CommandInvocation> {
    const id = `a-${userId}-${command.slice(1)}-${++seq}`;
    const body = new URLSearchParams(slashCommandPayload({ command, text: '', responseUrl: fake.responseUrl(id), userId })).toString();
    await fetch(`http://127.0.0.1:${adapter!.port()}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, body) },
      body,
    });
    await fake.waitForResponses(id);
    return lastRun!;
  }
  let lastRun: CommandInvocation | undefined;
  let seq = 0;

  it('workspace admins/owners (users.info) and listed users are admins; others are not; lookups are cached', async () => {
    fake = await startFakeSlack({ users: { UADMIN: { is_admin: true }, UOWNER: { is_owner: true }, UPLAIN: {} } });
    const router = adminRouter();
    const origRun = router.run;
    router.run = async (inv) => {
      lastRun = inv;
      return origRun(inv);
    };
    adapter = await startAdapter(fake, router, { slack: { adminUsers: ['ULISTED'] } });

    expect((await runAs('UADMIN')).actor.isAdmin).toBe(true);
    expect((await runAs('UOWNER')).actor.isAdmin).toBe(true);
    expect((await runAs('UPLAIN')).actor.isAdmin).toBe(false);
    expect((await runAs('UNKNOWN')).actor.isAdmin).toBe(false); // users.info error → not admin
    expect((await runAs('ULISTED')).actor.isAdmin).toBe(true);
    const lookups = fake.calls.filter((c) => c.method === 'users.info').length;
    // Non-admin-only commands get the flag too (handlers check sub-commands such as "topics add").
    expect((await runAs('UADMIN', '/brief')).actor.isAdmin).toBe(true);
    expect((await runAs('UPLAIN', '/brief')).actor.isAdmin).toBe(false);
    expect((await runAs('UADMIN', '/newsdesk')).actor.isAdmin).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'users.info').length).toBe(lookups); // cached
    expect(fake.calls.some((c) => c.method === 'users.info' && c.body.user === 'ULISTED')).toBe(false);
  });
});

describe('Slack adapter start-up errors', () => {
  it('reports a busy port as config_invalid naming PORT', async () => {
    fake = await startFakeSlack();
    const a = createSlackAdapter({ config: slackConfig(fake), router: adminRouter(), commandPrefix: '', port: fake.port, host: '127.0.0.1', webApi: { retries: 0 } });
    const err = await expectCode(a.start(), 'config_invalid');
    expect(err.message).toContain('PORT');
  });
});
