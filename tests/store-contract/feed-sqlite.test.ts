import { describe } from 'vitest';
import { feedStoreContract } from './feed-contract.js';
import { sqliteFeedEngine } from './feed-engines.js';

const engine = sqliteFeedEngine();

describe('feed store contract on SQLite', () => {
  feedStoreContract(() => engine);
});
