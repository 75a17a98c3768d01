import type { CommitInfo } from '../git/history';
import type { LiveState, LiveStateError } from '../live/provider';
import type { ManifestResource } from '../manifests/manifestResource';
import type { ResourceDrift } from '../drift/environmentDrift';
import { ParsedFileCache } from '../files/parsedFileCache';

/**
 * What one workspace's evaluations reuse across refreshes: parsed manifest and snapshot
 * files, the drift of a desired resource against a live object (by identity of both), and
 * each environment's last live state and history for refreshes that change only the desired
 * state (a save). It belongs to one loaded config: drift depends on its ignore rules.
 */
export class EvaluationCache {
  readonly files = new ParsedFileCache();
  readonly comparisons = new WeakMap<ManifestResource, WeakMap<object, ResourceDrift>>();
  readonly live = new Map<string, LiveState | LiveStateError>();
  /** Branch checked out and the environment's recent commits, as of the last evaluation. */
  readonly history = new Map<string, { branch: string | undefined; commits: CommitInfo[] }>();
}
