import type { Range } from '../text/range';
import type { RenderedTrace } from './valueSource';
import type { FieldLocation } from '../yaml/yamlPositions';
import type { ResourceId } from './resourceId';

export type { Position, Range } from '../text/range';

export type { FieldLocation } from '../yaml/yamlPositions';

/** One Kubernetes object of the desired state, with the source positions of its fields. */
export interface ManifestResource {
  id: ResourceId;
  key: string;
  /** Absolute path. */
  file: string;
  /** Index of the YAML document in the file (items of a List share their document's index). */
  docIndex: number;
  range: Range;
  /** Plain JS value of the object. */
  object: unknown;
  /** JSON pointer (`/spec/template/spec/containers/0/image`) → location; computed on first use. */
  fields: ReadonlyMap<string, FieldLocation>;
  /**
   * Set when the object is kustomize's rendering: `file`, `range` and `fields` are then its
   * origin's (the base document, or the generator entry), and `rendered.sourceOf(pointer)`
   * says where each rendered value is set (a patch, an `images:` entry, …).
   */
  rendered?: RenderedTrace;
}

/**
 * A problem met while reading manifests. `info` marks things deliberately skipped
 * (Helm templates, remote bases, documents that are not resources), not failures.
 */
export interface ManifestError {
  file: string;
  message: string;
  severity: 'error' | 'info';
  range?: Range;
}
