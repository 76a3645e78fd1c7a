import { isPlainObject } from '../http/read-body.js';

/**
 * discord.js hands every gateway dispatch to its packet handlers without
 * checking the shape: `INTERACTION_CREATE` with `d: null` throws inside
 * @discordjs/ws's async message handler, an unhandled rejection that ends
 * the process on Node 20. The guard wraps the client's packet entry point,
 * drops dispatches whose `d` is not an object and turns a handler's throw
 * into a log line.
 */

/** Why a dispatch is dropped, or null when it may go to discord.js. */
export function dispatchProblem(packet: unknown): string | null {
  if (!isPlainObject(packet)) return 'packet is not an object';
  if (typeof packet.t !== 'string') return null; // not a dispatch; discord.js ignores it
  if (!isPlainObject(packet.d)) return `${packet.t} payload is not an object`;
  return null;
}

/** The discord.js WebSocketManager method the guard wraps (internal API, present in discord.js 14). */
interface PacketEntry {
  handlePacket?: (packet: unknown, shard: unknown) => boolean;
}

/**
 * Install the guard on `client.ws`. Returns false when the internal entry
 * point is missing (a future discord.js), so the caller can log that the
 * process-level handlers are the only net left.
 */
export function guardGatewayDispatch(ws: unknown, warn: (msg: string, meta?: Record<string, unknown>) => void): boolean {
  const manager = ws as PacketEntry;
  const original = manager.handlePacket;
  if (typeof original !== 'function') return false;
  manager.handlePacket = function guardedHandlePacket(this: unknown, packet: unknown, shard: unknown): boolean {
    // discord.js calls handlePacket(undefined) to drain its queue; that is not an attack.
    if (packet !== undefined && packet !== null) {
      const problem = dispatchProblem(packet);
      if (problem) {
        warn('discord dispatch dropped', { problem });
        return true;
      }
    }
    try {
      return original.call(manager, packet, shard);
    } catch (err) {
      warn('discord dispatch failed', { type: isPlainObject(packet) ? String(packet.t) : typeof packet, error: (err as Error).message });
      return true;
    }
  };
  return true;
}
