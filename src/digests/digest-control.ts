/** The scheduler's command-facing surface is defined by the core (core/digest-port.ts); re-exported for the digests module. */
export type { DigestControl, DigestStatus } from '../core/digest-port.js';
