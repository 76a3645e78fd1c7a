import { isPlainObject } from '../http/read-body.js';

/**
 * Socket Mode's client (@slack/socket-mode 3) dereferences envelope fields
 * without checking them: `{"type":"events_api","payload":null}` throws inside
 * an async WebSocket handler, which is an unhandled rejection — a process
 * crash on Node 20. The guard sits in front of that handler and drops any
 * envelope that is not the shape the client assumes.
 */

/** Why an envelope is dropped, or null when it is well-formed. */
export function envelopeProblem(raw: string): string | null {
  let env: unknown;
  try {
    env = JSON.parse(raw);
  } catch {
    return null; // the client already ignores text that is not JSON
  }
  if (!isPlainObject(env)) return 'envelope is not an object';
  if (env.type === 'hello' || env.type === 'disconnect') return null;
  if (typeof env.type !== 'string') return 'envelope without a type';
  if (!isPlainObject(env.payload)) return 'payload is not an object';
  if (env.type === 'events_api') {
    const event = env.payload.event;
    if (!isPlainObject(event) || typeof event.type !== 'string') return 'event is not an object';
  }
  return null;
}

/** The part of SocketModeClient the guard touches. */
export interface GuardableSocketClient {
  listeners(event: 'ws_message'): ((...args: unknown[]) => unknown)[];
  removeAllListeners(event: 'ws_message'): unknown;
  on(event: 'ws_message', fn: (data: unknown, isBinary: boolean) => void): unknown;
  send(envelopeId: string, body?: Record<string, unknown>): Promise<void>;
}

/**
 * Put the check in front of the client's own `ws_message` handler. A
 * dropped envelope that carries an id is still acknowledged, so Slack does
 * not redeliver it.
 */
export function guardSocketModeClient(client: GuardableSocketClient, warn: (msg: string) => void): void {
  const original = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data, isBinary) => {
    if (!isBinary) {
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : String(data);
      const problem = envelopeProblem(text);
      if (problem) {
        warn(`slack socket envelope dropped: ${problem}`);
        const id = envelopeId(text);
        if (id) client.send(id).catch(() => undefined);
        return;
      }
    }
    for (const fn of original) {
      // The original handler is async; a failure must be logged, never left unhandled.
      Promise.resolve(fn.call(client, data, isBinary)).catch((err: unknown) => warn(`slack socket message failed: ${(err as Error).message}`));
    }
  });
}

function envelopeId(text: string): string | undefined {
  try {
    const env: unknown = JSON.parse(text);
    return isPlainObject(env) && typeof env.envelope_id === 'string' ? env.envelope_id : undefined;
  } catch {
    return undefined;
  }
}
