import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal fake of Discord's REST API on 127.0.0.1 for the digest
 * end-to-end test: `POST /api/v10/channels/{id}/messages` is recorded and
 * answered like Discord; an unknown channel gets Discord's 404 "Unknown
 * Channel" (code 10003). Stand-in until the Discord adapter's own fake lands.
 */
export interface DigestDiscordFake {
  /** Base for `new REST({ api })` (the client appends /v10). */
  api: string;
  messages: { channelId: string; body: Record<string, unknown>; authorization?: string }[];
  /** Channel ids that exist; others answer 404 Unknown Channel. */
  channels: Set<string>;
  close(): Promise<void>;
}

export async function startDigestDiscordFake(channels: string[]): Promise<DigestDiscordFake> {
  const messages: DigestDiscordFake['messages'] = [];
  const known = new Set(channels);
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || !m) {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: '404: Not Found', code: 0 }));
        return;
      }
      if (!known.has(m[1])) {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: 'Unknown Channel', code: 10003 }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      messages.push({ channelId: m[1], body, authorization: req.headers.authorization });
      res.statusCode = 200;
      res.end(JSON.stringify({ id: String(nextId++), channel_id: m[1], ...body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    api: `http://127.0.0.1:${port}/api`,
    messages,
    channels: known,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
