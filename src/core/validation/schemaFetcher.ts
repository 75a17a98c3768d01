import { createHash } from 'node:crypto';
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FILE_LIMITS, readBoundedText } from '../files/readBounded';
import { httpGetJson } from '../live/httpGetJson';

/** Returns the body of a schema URL; injectable so tests and untrusted workspaces control the network. */
export type SchemaFetcher = (url: string) => Promise<string>;

export interface SchemaFetcherOptions {
  /**
   * Allow loopback, private, link-local and other non-public addresses. Off by default: a
   * modeline in a stranger's manifest must not make the editor probe the local network or a
   * cloud metadata endpoint. Only a user-level setting or a CLI flag turns it on.
   */
  allowPrivateHosts?: boolean;
  timeoutMs?: number;
}

const MAX_REDIRECTS = 5;
/** A schema is JSON: HTML (a login or captive-portal page) or anything else is refused. */
const JSON_TYPES = /^(application\/(json|schema\+json|[\w.+-]+\+json)|text\/plain)\b/i;

/**
 * GETs schema URLs from modelines and associations, guarded: public addresses only (checked
 * when connecting, so DNS rebinding cannot slip past), redirects followed only on the same
 * host and never from https to http, JSON content types only, bounded size. Messages never
 * contain the response text: a server's words must not reach diagnostics or SARIF.
 */
export function createSchemaFetcher(options: SchemaFetcherOptions = {}): SchemaFetcher {
  return async (url) => {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'https:' && current.protocol !== 'http:') throw new Error(`only http(s) schema URLs are fetched, not ${current.protocol}`);
      if (!options.allowPrivateHosts) refuseLiteralPrivate(current.hostname);
      const res = await httpGetJson({
        url: current.href,
        headers: { Accept: 'application/schema+json, application/json' },
        timeoutMs: options.timeoutMs ?? 15_000,
        maxBodyBytes: FILE_LIMITS.schema.bytes,
        ...(options.allowPrivateHosts ? {} : { lookup: publicOnlyLookup }),
      });
      if (res.status >= 300 && res.status < 400 && typeof res.headers.location === 'string') {
        const next = new URL(res.headers.location, current);
        if (next.host !== current.host) throw new Error(`redirected to another host (${next.host}); not followed`);
        if (current.protocol === 'https:' && next.protocol !== 'https:') throw new Error('redirected from https to http; not followed');
        if (hop + 1 >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
        current = next;
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      const type = String(res.headers['content-type'] ?? '');
      if (type && !JSON_TYPES.test(type)) throw new Error(`the server answered ${type.split(';')[0]}, not JSON`);
      if (res.json === undefined) throw new Error('the response is not valid JSON');
      return res.text;
    }
  };
}

/** The default: public hosts only. */
export const httpFetcher: SchemaFetcher = createSchemaFetcher();

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast, unspecified and reserved ranges. */
const NON_PUBLIC = (() => {
  const list = new net.BlockList();
  for (const [a, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
    list.addSubnet(a, bits, 'ipv4');
  }
  for (const [a, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
    list.addSubnet(a, bits, 'ipv6');
  }
  return list;
})();

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function refuseLiteralPrivate(hostname: string): void {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !isPublicAddress(host)) throw privateAddress(hostname, host);
}

function privateAddress(hostname: string, address: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${hostname} is a private or local address (${address}); schema hosts must be public unless you allow private ones`);
  e.code = 'ERR_PRIVATE_ADDRESS';
  return e;
}

/** dns.lookup that fails when any address of the host is not public. */
const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return (callback as (e: Error) => void)(err);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || list.length === 0) return (callback as (e: Error) => void)(privateAddress(hostname, bad?.address ?? 'none'));
    if ((options as dns.LookupOptions).all) (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    else (callback as (e: null, a: string, f: number) => void)(null, list[0].address, list[0].family);
  });
};

/** Fetcher that never touches the network (untrusted workspaces, CI without network). */
export const offlineFetcher: SchemaFetcher = async (url) => {
  throw new Error(`not in the schema cache and fetching is disabled: ${url}`);
};

/**
 * Cache-first URL loading: once fetched, a schema is read from `cacheDir` and works offline.
 * Only valid JSON is cached, so a captive-portal page never poisons the cache.
 */
export async function loadSchemaUrl(url: string, fetcher: SchemaFetcher, cacheDir: string | undefined): Promise<unknown> {
  const file = cacheDir ? path.join(cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.json`) : undefined;
  if (file) {
    try {
      return JSON.parse(await readBoundedText(file, FILE_LIMITS.schema));
    } catch {
      // not cached yet (or unreadable): fetch below
    }
  }
  const body = await fetcher(url);
  let schema: unknown;
  try {
    schema = JSON.parse(body);
  } catch {
    throw new Error('the response is not valid JSON'); // JSON.parse would quote the body
  }
  if (file) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, file); // atomic: concurrent readers never see half a file
  }
  return schema;
}
