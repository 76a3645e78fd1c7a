import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpRoute, serveRoutes } from '../adapters/http/route-server.js';

export { healthRoute, type HttpRoute } from '../adapters/http/route-server.js';

/**
 * The bot's own HTTP server for /healthz and webhooks, used when Slack's
 * receiver (which mounts the same routes itself) is not running.
 */
export async function startHttpServer(routes: readonly HttpRoute[], port: number, host: string): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = await serveRoutes(routes, port, host);
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
