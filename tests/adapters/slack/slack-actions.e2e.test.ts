import { afterEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { CommandRouter } from '../../../src/core/adapter.js';
import type { CommandInvocation } from '../../../src/core/invocation.js';
import { makeReply } from '../../../src/core/reply.js';
import { buttonClickPayload, type FakeSlack, signSlackRequest, slashCommandPayload, startFakeSlack } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, startAdapter } from './slack-test-kit.js';

let fake: FakeSlack;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
});

/** A router whose "schedule off" asks for confirmation with a button, like a settings command would. */
function confirmRouter(): CommandRouter & { runs: CommandInvocation[] } {
  const runs: CommandInvocation[] = [];
  return {
    runs,
    specs: () => [{ name: 'schedule', description: 'Digest schedule', args: [], adminOnly: false, examples: [] }],
    run: async (inv) => {
      runs.push(inv);
      if (inv.args === 'off') {
        return makeReply({ title: 'Turn the digest off?', sections: [], actions: [{ id: 'confirm', label: 'Yes, turn it off', command: 'newsdesk schedule off confirm', style: 'danger' }] });
      }
      if (inv.args === 'slow') await new Promise((r) => setTimeout(r, 300));
      return makeReply({ title: `Done: ${inv.args}`, sections: [] });
    },
    complete: () => [],
  };
}

async function postForm(body: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${adapter!.port()}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, body) },
    body,
  });
}

describe('Slack reply actions and graceful stop', () => {
  it('renders core actions as buttons and runs their command when clicked, replacing the private message', async () => {
    fake = await startFakeSlack();
    const router = confirmRouter();
    adapter = await startAdapter(fake, router);
    await postForm(new URLSearchParams(slashCommandPayload({ command: '/schedule', text: 'off', responseUrl: fake.responseUrl('c1') })).toString());
    const [ask] = await fake.waitForResponses('c1');
    const actions = (ask.blocks as { type: string; elements?: { action_id: string; value: string; style?: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]).toMatchObject({ action_id: 'newsdesk_action_0', value: 'newsdesk schedule off confirm', style: 'danger' });

    const click = buttonClickPayload({ actionId: 'newsdesk_action_0', value: 'newsdesk schedule off confirm', responseUrl: fake.responseUrl('c2') });
    await postForm(new URLSearchParams({ payload: JSON.stringify(click) }).toString());
    const [done] = await fake.waitForResponses('c2');
    expect(done).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(JSON.stringify(done.blocks)).toContain('Done: off confirm');
    expect(router.runs[1]).toMatchObject({ name: 'schedule', args: 'off confirm' });
  });

  it('acks at once even when the core is slow, and stop() waits for the answer to be delivered', async () => {
    fake = await startFakeSlack();
    adapter = await startAdapter(fake, confirmRouter());
    const t0 = Date.now();
    const res = await postForm(new URLSearchParams(slashCommandPayload({ command: '/schedule', text: 'slow', responseUrl: fake.responseUrl('s1') })).toString());
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(250);
    await adapter.stop();
    adapter = undefined;
    expect(fake.responses.get('s1')?.length).toBe(1);
  });
});
