import { describe, it } from 'vitest';
import { feedStoreContract } from './feed-contract.js';
import { postgresFeedEngine } from './feed-engines.js';

// A real server only when one is given (CI's .ci/run starts one).
const url = process.env.NEWSDESK_TEST_DATABASE_URL;

describe.skipIf(!url)('feed store contract on a real PostgreSQL server', () => {
  feedStoreContract(() => postgresFeedEngine(url ?? ''));
});

if (!url) {
  describe('feed store contract on a real PostgreSQL server', () => {
    it.skip('skipped: set NEWSDESK_TEST_DATABASE_URL=postgres://… to run it against a real server (.ci/run with-postgres does)', () => undefined);
  });
}
