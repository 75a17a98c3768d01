/**
 * Remembers the ETag and data of GET answers so the next identical request can
 * be conditional (`If-None-Match`): GitHub answers 304 without counting it
 * against the rate limit, and the cached data is reused.
 */
export class ConditionalCache {
  private readonly entries = new Map<string, { etag: string; data: unknown }>();
  /** How many answers were 304 Not Modified; tests and diagnostics read it. */
  notModified = 0;

  constructor(private readonly maxEntries = 500) {}

  etag(key: string): string | undefined {
    return this.entries.get(key)?.etag;
  }

  hit(key: string): unknown {
    this.notModified++;
    return this.entries.get(key)?.data;
  }

  store(key: string, etag: string | undefined, data: unknown): void {
    if (!etag) return;
    this.entries.delete(key);
    this.entries.set(key, { etag, data });
    // Oldest first in insertion order: drop it when full.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}
