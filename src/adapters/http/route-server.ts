import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A route on the bot's HTTP server (health checks, webhooks). Shared by the composition root and the Slack adapter. */
export interface HttpRoute {
  path: string;
  method: 'GET' | 'POST';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** `/healthz`: 200 `{ok: true, …status}` while the process is up. */
export function healthRoute(status: () => Record<string, unknown> = () => ({})): HttpRoute {
  return {
    path: '/healthz',
    method: 'GET',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...status() }));
    },
  };
}

/**
 * Timeouts for a server that faces the internet: a client that trickles its
 * headers or body (slowloris) is cut off instead of holding a socket for
 * Node's defaults of one to five minutes.
 */
export function hardenServer(server: Server): Server {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  return server;
}

/** A plain node:http server for `routes` (404 JSON for anything else), listening once it resolves. */
export async function serveRoutes(routes: readonly HttpRoute[], port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) return route.handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'not_found' }));
  });
  hardenServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
