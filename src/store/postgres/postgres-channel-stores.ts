import type { DigestLedger } from '../../core/digest-port.js';
import type { SettingsStore } from '../../core/settings-port.js';
import type { SettingsDefaults } from '../../settings/channel-settings.js';
import { openPostgres } from './open-postgres.js';
import { PgRunLedger, type PgRunLedgerOptions } from './pg-run-ledger.js';
import { PgSettingsStore } from './pg-settings-store.js';

/** Channel settings and the digest ledger on one PostgreSQL database, with the pool they share. */
export interface ChannelStores {
  settings: SettingsStore;
  ledger: DigestLedger;
  /** Ends the pool; call after the scheduler stopped. */
  close(): Promise<void>;
}

/**
 * What the composition root calls when NEWSDESK_DATABASE_URL selects
 * PostgreSQL: connect, migrate (safe when several processes start at once),
 * and build the two stores every process shares.
 */
export async function openPostgresChannelStores(url: string, defaults: SettingsDefaults, ledger: PgRunLedgerOptions = {}): Promise<ChannelStores> {
  const handle = await openPostgres(url);
  return {
    settings: new PgSettingsStore(handle.db, defaults),
    ledger: new PgRunLedger(handle.db, ledger),
    close: handle.close,
  };
}
