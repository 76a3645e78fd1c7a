import { buildCore, type Core } from '../../../src/app/build-core.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import type { CommandRouter } from '../../../src/core/adapter.js';
import type { CommandInvocation } from '../../../src/core/invocation.js';
import type { Config } from '../../../src/config/config-schema.js';
import type { FakeSlack } from '../../fakes/fake-slack.js';

/** Shared set-up for the Slack end-to-end tests: real core over the seeds, a spying router, the adapter. */

export const SIGNING_SECRET = 'test-signing-secret';

/** A router that records every invocation before handing it to the real one. */
export function spyRouter(inner: CommandRouter): CommandRouter & { runs: CommandInvocation[] } {
  const runs: CommandInvocation[] = [];
  return {
    runs,
    specs: () => inner.specs(),
    run: (inv) => {
      runs.push(inv);
      return inner.run(inv);
    },
    complete: (s, p, l) => inner.complete(s, p, l),
  };
}

/** The real core over the seed corpus, in memory. */
export function seedCore(): Promise<Core> {
  return buildCore({ dbPath: ':memory:', corpusDir: 'seeds' });
}

/** Slack config pointing at the fake. */
export function slackConfig(fake: FakeSlack, over: Partial<Config['slack']> = {}): Config['slack'] {
  return { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, mode: 'http', adminUsers: [], ...over };
}

/** Create and start an adapter bound to 127.0.0.1 on a free port, with retries off. */
export async function startAdapter(fake: FakeSlack, router: CommandRouter, over: Partial<SlackAdapterOptions> & { slack?: Partial<Config['slack']> } = {}): Promise<SlackAdapter> {
  const { slack, ...rest } = over;
  const adapter = createSlackAdapter({
    config: slackConfig(fake, slack),
    router,
    commandPrefix: '',
    port: 0,
    host: '127.0.0.1',
    webApi: { retries: 0, timeoutMs: 2000 },
    ...rest,
  });
  await adapter.start();
  return adapter;
}

/** Text of every block in a Slack message body, joined, for content assertions. */
export function blocksText(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? []);
}
