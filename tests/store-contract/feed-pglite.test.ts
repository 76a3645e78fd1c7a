import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { feedStoreContract } from './feed-contract.js';
import { pgliteFeedEngine } from './feed-engines.js';

// Starting PGlite takes seconds: one in-memory instance per file, a fresh schema per test.
let instance: PGlite;
const engine = pgliteFeedEngine(() => instance);

beforeAll(async () => {
  instance = new PGlite();
  await instance.waitReady;
}, 120_000);
afterAll(() => instance?.close());

describe('feed store contract on PostgreSQL (PGlite, in memory)', () => {
  feedStoreContract(() => engine);
});
