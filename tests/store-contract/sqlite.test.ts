import { describe } from 'vitest';
import { articleContract } from './article-contract.js';
import { analysisClaimsContract } from './claims-contract.js';
import { ledgerContract } from './ledger-contract.js';
import { settingsContract } from './settings-contract.js';
import { sqliteEngine } from './engines.js';

const engine = sqliteEngine();

describe('store contract on SQLite', () => {
  settingsContract(() => engine);
  ledgerContract(() => engine);
  articleContract(() => engine);
  analysisClaimsContract(() => engine);
});
