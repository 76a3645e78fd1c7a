import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server saw. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 with per-path handlers, recording every request. */
export interface LocalServer {
  base: string;
  port: number;
  seen: SeenRequest[];
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    seen.push({ path: req.url ?? '/', headers: req.headers });
    const h = routes.get(path);
    if (!h) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    h(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    seen,
    route: (p, h) => void routes.set(p, h),
    hits: (p) => seen.filter((s) => s.path.split('?')[0] === p).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
