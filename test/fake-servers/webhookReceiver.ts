import * as http from 'node:http';
import { listenOnLoopback } from './httpServer';

export interface ReceivedWebhook {
  path: string;
  contentType?: string;
  body: unknown;
}

export interface WebhookReceiver {
  /** Base URL; any path is accepted (`${url}/services/T/B/secret`). */
  url: string;
  received: ReceivedWebhook[];
  /** `METHOD path` of every request, valid or not. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback incoming-webhook endpoint (127.0.0.1, random port) answering like Slack's:
 * `200 ok` for a JSON body with content, `400 invalid_payload` otherwise; paths under
 * `/gone/` answer `404 no_service` (a deleted webhook), `/slow/` never before `slowMs`.
 */
export async function startWebhookReceiver(options: { slowMs?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const answer = (status: number, text: string) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(text);
      };
      if (path.startsWith('/gone/')) return answer(404, 'no_service');
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, 'invalid_payload');
      }
      received.push({ path, contentType: req.headers['content-type'], body });
      if (path.startsWith('/slow/')) return void setTimeout(() => answer(200, 'ok'), options.slowMs ?? 5000);
      answer(200, 'ok');
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    requests,
    close,
  };
}
