import type { Range } from '../text/range';
import type { FieldLocation } from '../yaml/yamlPositions';

/**
 * A resource's field positions, computed on first use. Most resources of a large repository
 * agree with the cluster and never need a position: drift asks only for drifted fields, the
 * editor only for open files.
 */
export class LazyFieldMap implements ReadonlyMap<string, FieldLocation> {
  private map?: Map<string, FieldLocation>;

  /**
   * @param load every field at once
   * @param lookup one field, the same as load()'s entry: asked for a few drifted fields of a
   *   resource, it saves collecting them all; iterating loads them all
   */
  constructor(
    private load: () => Map<string, FieldLocation>,
    private readonly lookup?: (key: string) => FieldLocation | undefined,
  ) {}

  private get loaded(): Map<string, FieldLocation> {
    if (!this.map) {
      this.map = this.load();
      this.load = () => this.map!;
    }
    return this.map;
  }

  /** The same fields `lines` lines further down (the document moved in its file), still lazy. */
  shifted(lines: number): LazyFieldMap {
    if (lines === 0) return this;
    const moved = (f: FieldLocation): FieldLocation => ({ keyRange: shift(f.keyRange, lines), valueRange: shift(f.valueRange, lines) });
    return new LazyFieldMap(
      () => {
        const out = new Map<string, FieldLocation>();
        for (const [k, f] of this.loaded) out.set(k, moved(f));
        return out;
      },
      (key) => {
        const f = this.get(key);
        return f && moved(f);
      },
    );
  }

  get size(): number {
    return this.loaded.size;
  }
  get(key: string): FieldLocation | undefined {
    return this.map || !this.lookup ? this.loaded.get(key) : this.lookup(key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  forEach(fn: (value: FieldLocation, key: string, map: ReadonlyMap<string, FieldLocation>) => void): void {
    this.loaded.forEach((v, k) => fn(v, k, this));
  }
  entries(): MapIterator<[string, FieldLocation]> {
    return this.loaded.entries();
  }
  keys(): MapIterator<string> {
    return this.loaded.keys();
  }
  values(): MapIterator<FieldLocation> {
    return this.loaded.values();
  }
  [Symbol.iterator](): MapIterator<[string, FieldLocation]> {
    return this.loaded[Symbol.iterator]();
  }
}

export function shift(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}
