import type { Range } from '../text/range';

/** What put a rendered value where it is. */
export type SetBy = 'resource' | 'patch' | 'images' | 'replicas' | 'namespace' | 'labels' | 'annotations' | 'generator' | 'remote';

/** Where a rendered value is set: the line a person edits to change it. */
export interface ValueSource {
  /** Absolute path: the base resource, the patch file, or the kustomization of the transformer or generator. */
  file: string;
  /** 0-based range of the key that sets the value (list items: the item). */
  range: Range;
  setBy: SetBy;
  /** The kustomization entry, e.g. `patches[1]`, `images[ghcr.io/acme/web].newTag`, `configMapGenerator[settings].literals[0]`. */
  entry?: string;
  /** The value as written there; absent when computed (a prefixed name, a generated name). */
  value?: unknown;
  /** True when the field is not written as such and this is where its nearest ancestor is set. */
  ancestor?: boolean;
  /** What this value replaces further down: an inner overlay's or the base's value (`replicas: 1` under a patch's `3`). */
  overrides?: ValueSource;
  /** 0-based range of the value as written (absent for ancestors and computed values). */
  valueRange?: Range;
  /** How the value is written in `file`, for editing it in place (promotion); absent where it is not a plain value of its own. */
  written?: WrittenValue;
}

/**
 * Where in `file` a value is written: a field of a YAML document (a manifest, a strategic-merge
 * patch), an entry of a kustomization (`/images/0/newTag`, `/replicas/0/count`, a generator
 * literal), a field inside an inline patch string, an op of a JSON 6902 file, or an env file line.
 */
export type WrittenValue =
  | { in: 'document'; docIndex: number; pointer: string }
  | { in: 'kustomization'; pointer: string }
  | { in: 'inlinePatch'; patchPointer: string; docIndex: number; pointer: string }
  | { in: 'opsFile'; pointer: string }
  | { in: 'envFile'; key: string; line: number };

/** Where a rendered object came from. */
export interface RenderOrigin {
  /** `resource`: a local manifest; `generator`: a configMapGenerator/secretGenerator; `remote`: a remote base (not on disk). */
  kind: 'resource' | 'generator' | 'remote';
  /** The manifest file, the kustomization of the generator, or the kustomization listing the remote base. */
  file: string;
  /** The object's document in `file`, the generator entry, or the remote entry. */
  range: Range;
  /** The name before prefixes, suffixes and hashes (the manifest's or the generator's name). */
  name: string;
  repo?: string;
  ref?: string;
}

/**
 * A rendered object's trace, as ManifestResource.rendered carries it (RenderedResource implements it):
 * where the object came from, the layers it went through, and where each of its values is set.
 */
export interface RenderedTrace {
  /** The kustomization that was rendered (the environment's overlay). */
  readonly overlay: string;
  readonly origin: RenderOrigin;
  /** Kustomization files whose transformers ran on the object, innermost first. */
  readonly layers: string[];
  /** Where the rendered value at `pointer` is set; undefined when the rendered object has no such field. */
  sourceOf(pointer: string): ValueSource | undefined;
}
