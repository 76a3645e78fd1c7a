import type { ChannelSettings } from '../core/settings-port.js';
import type { DigestLogger } from './digest-runner.js';

/** node-cron's logger interface on top of the digest logger (node-cron's debug chatter is dropped). */
export function cronLogger(l: DigestLogger) {
  return {
    info: (m: string) => l.info(`node-cron: ${m}`),
    warn: (m: string) => l.warn(`node-cron: ${m}`),
    error: (m: string | Error, e?: Error) => l.error(`node-cron: ${String(m)}`, e ? { error: e.message } : undefined),
    debug: () => undefined,
  };
}

/** The settings a channel's plan depends on; when they differ, the plan is stale. */
export function planBasis(s: ChannelSettings): string {
  return JSON.stringify([s.schedule, s.timezone, s.enabled, s.paused?.reason ?? null, s.invalidStored.map((p) => p.message)]);
}
