import * as http from 'node:http';
import * as https from 'node:https';

/** Guards memory against a misbehaving server; an app's managed resources are far smaller. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HttpGetOptions {
  url: string;
  /** Default GET. A POST sends `body` as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Accept self-signed/invalid TLS certificates. */
  insecure?: boolean;
  signal?: AbortSignal;
  /** Resolves host names for the connection (e.g. to refuse private addresses at connect time). */
  lookup?: import('node:net').LookupFunction;
  /** Default 64 MB. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
}

/** Why a request got no HTTP answer at all. */
export class HttpTransportError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'cancelled' | 'tls' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/**
 * One GET (or POST of a JSON body) with node's http(s), no redirects followed (a redirect must not carry a
 * bearer token elsewhere). Node's own `fetch` cannot skip TLS verification per
 * request, which `insecure` needs for self-signed Argo CD installs.
 */
export function httpGetJson(options: HttpGetOptions): Promise<HttpResponse> {
  const url = new URL(options.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new HttpTransportError('cancelled', 'request was cancelled'));
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          ...(options.body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
        ...(options.lookup ? { lookup: options.lookup } : {}),
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecure } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) {
            finish(() => reject(new HttpTransportError('too-large', `response is larger than ${max / 1024 / 1024} MB`)));
            req.destroy();
          } else chunks.push(chunk);
        });
        res.on('end', () =>
          finish(() => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
          }),
        );
        res.on('error', (e) => finish(() => reject(transportError(e))));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new HttpTransportError('timeout', `no answer within ${options.timeoutMs / 1000}s`)));
      req.destroy();
    }, options.timeoutMs);
    const onAbort = (): void => {
      finish(() => reject(new HttpTransportError('cancelled', 'request was cancelled')));
      req.destroy();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(() => reject(transportError(e))));
    req.end(options.body);
  });
}

function transportError(e: NodeJS.ErrnoException): HttpTransportError {
  const code = e.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new HttpTransportError('tls', `TLS certificate not trusted (${code}); set insecure: true only for a self-signed server you trust`);
  }
  if (code === 'ERR_PRIVATE_ADDRESS') return new HttpTransportError('unreachable', e.message);
  const why: Record<string, string> = { ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EHOSTUNREACH: 'host unreachable', ECONNRESET: 'connection reset' };
  return new HttpTransportError('unreachable', why[code] ?? e.message);
}
