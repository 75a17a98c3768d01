import { commitsBetween, resolveCommit } from './gitRevisions';

/** How a History commit relates to what runs: the deployed commit itself, not deployed yet, or already included. */
export type HistoryMark = 'deployed' | 'pending' | 'included';

/** Enough for any History list; a longer pending run is marked as far as it goes. */
const MAX_PENDING = 5000;

/**
 * Marks History commits (newest first, as recentCommits lists them) against the deployed
 * commit: one `git rev-list <newest> ^<deployed>` finds the pending ones. Empty when the
 * deployed commit is not in the local history, so nothing is marked falsely.
 */
export async function markHistory(rootDir: string, hashes: readonly string[], deployedCommit: string | undefined, signal?: AbortSignal): Promise<Map<string, HistoryMark>> {
  const marks = new Map<string, HistoryMark>();
  if (!deployedCommit || hashes.length === 0) return marks;
  const deployed = await resolveCommit(rootDir, deployedCommit, signal);
  if (!deployed) return marks;
  const pending = new Set(await commitsBetween(rootDir, deployed, hashes[0], MAX_PENDING, signal).catch(() => [] as string[]));
  for (const hash of hashes) marks.set(hash, hash === deployed ? 'deployed' : pending.has(hash) ? 'pending' : 'included');
  return marks;
}
