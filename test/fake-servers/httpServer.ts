import type * as http from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LoopbackListener {
  port: number;
  /** Destroys open connections first: clients keep them alive, and server.close() alone would wait for them. */
  close(): Promise<void>;
}

/** Starts a fake server on 127.0.0.1 at a port the OS picks, so parallel runs never collide. */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer, held back `delayMs` when set so tests can exercise client timeouts. */
export function replyJson(res: http.ServerResponse, status: number, body: unknown, delayMs?: number): void {
  const send = (): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (delayMs) setTimeout(send, delayMs);
  else send();
}
