import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FILE_LIMITS, readBoundedText } from '../files/readBounded';

/** Returns the body of a schema URL; injectable so tests and untrusted workspaces control the network. */
export type SchemaFetcher = (url: string) => Promise<string>;

/** Node 20's fetch with a timeout; used when the caller injects nothing. */
export const httpFetcher: SchemaFetcher = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
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
  const schema = JSON.parse(body) as unknown;
  if (file) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, file); // atomic: concurrent readers never see half a file
  }
  return schema;
}
