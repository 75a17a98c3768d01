import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBoundedText, type FileLimit } from '../files/readBounded';
import { parseRevision, type DeployedRevision } from './deployedRevision';

/** Longer than any revision line; a bigger file is not a revision file. */
const REVISION_FILE: FileLimit = { what: 'revision files (one line)', bytes: 4096 };

/**
 * The revision file exported with a snapshot: `REVISION` inside a snapshot folder, or
 * `<name>.revision` beside a snapshot file (`prod.yaml` → `prod.revision`). Its first line
 * that is neither empty nor a `#` comment is the revision, in any form parseRevision reads
 * (`git rev-parse HEAD`, Flux's `main@sha1:…`, Argo CD's `status.sync.revision`).
 */
export function snapshotRevisionFile(snapshotPath: string, isDirectory: boolean): string {
  if (isDirectory) return path.join(snapshotPath, 'REVISION');
  const ext = path.extname(snapshotPath);
  return path.join(path.dirname(snapshotPath), `${path.basename(snapshotPath, ext)}.revision`);
}

/**
 * The snapshot's revision, undefined when it has no revision file. Throws on an unreadable or
 * oversized one, and (with `rootDir`) on one whose real path is outside the repository.
 */
export async function readSnapshotRevision(snapshotPath: string, isDirectory: boolean, rootDir?: string): Promise<DeployedRevision | undefined> {
  const file = snapshotRevisionFile(snapshotPath, isDirectory);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return undefined;
  // Said in bytes: the reader's megabyte message would read "0 MB is over the 0 MB limit".
  if (stat.size > REVISION_FILE.bytes) throw new Error(`${file} is ${stat.size} bytes: a revision file holds one line`);
  const text = await readBoundedText(file, REVISION_FILE, rootDir);
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return line ? parseRevision(line, `${path.basename(file)} of the snapshot`) : undefined;
}
