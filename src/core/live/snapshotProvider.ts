import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileStamp, ParsedFileCache } from '../files/parsedFileCache';
import { checkFileSize, FILE_LIMITS, FileRefusedError, readBoundedText, type FileLimit } from '../files/readBounded';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider } from './provider';
import { liveObjectsOf, parseLiveObjects, type ParsedLiveObjects } from './parseLiveObjects';
import { readYamlFileOffThread } from '../yaml/offThread';
import { readSnapshotRevision } from '../revision/snapshotRevision';
import type { DeployedRevision } from '../revision/deployedRevision';

const SNAPSHOT_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Live state exported to files (e.g. by CI running `kubectl get -o yaml`). Reads only
 * files, so it is safe in untrusted workspaces. The export is taken as the whole
 * truth: complete, so objects only in it are Extra. A revision file exported with it
 * (see snapshotRevision) says which commit was deployed.
 */
export class SnapshotProvider implements LiveStateProvider {
  readonly name = 'snapshot';

  /**
   * @param snapshotPath absolute folder or file
   * @param rootDir when set, files whose real path is outside it are refused
   * @param cache where parsed files are kept between fetches: an export whose size and mtime did not change is not read again
   */
  constructor(
    private readonly snapshotPath: string,
    private readonly rootDir?: string,
    private readonly cache?: ParsedFileCache,
  ) {}

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const stat = await fs.stat(this.snapshotPath).catch(() => undefined);
    if (!stat) throw new LiveStateError(this.name, `snapshot folder ${this.snapshotPath} does not exist`);
    const files = stat.isDirectory() ? await listSnapshotFiles(this.snapshotPath) : [this.snapshotPath];
    const objects: LiveObject[] = [];
    let total = 0;
    for (const file of files) {
      request.signal?.throwIfAborted();
      const stamp = await fs.stat(file);
      checkSnapshotSize(file, stamp.size, FILE_LIMITS.snapshot);
      total += stamp.size;
      checkSnapshotSize(this.snapshotPath, total, FILE_LIMITS.snapshotTotal);
      const parsed = await readSnapshotFile(file, stamp, this.rootDir, this.cache);
      if (parsed.error) throw new LiveStateError(this.name, `snapshot file is not valid YAML/JSON: ${parsed.error}`);
      objects.push(...parsed.objects);
    }
    const revision = await this.readRevision(stat.isDirectory());
    return { objects, complete: true, fetchedAt: new Date(), ...(revision ? { revision } : {}) };
  }

  async deployedRevision(): Promise<DeployedRevision | undefined> {
    const stat = await fs.stat(this.snapshotPath).catch(() => undefined);
    if (!stat) throw new LiveStateError(this.name, `snapshot folder ${this.snapshotPath} does not exist`);
    return this.readRevision(stat.isDirectory());
  }

  private async readRevision(isDirectory: boolean): Promise<DeployedRevision | undefined> {
    try {
      return await readSnapshotRevision(this.snapshotPath, isDirectory, this.rootDir);
    } catch (e) {
      throw new LiveStateError(this.name, `cannot read the snapshot's revision file: ${(e as Error).message}`);
    }
  }
}

/**
 * One export's objects. With a cache, a large one is read, digested and parsed off the thread,
 * and one whose stamp or content is unchanged is not parsed again; without (the CLI: one read on
 * its own thread) nothing is digested.
 */
async function readSnapshotFile(file: string, stamp: FileStamp, rootDir: string | undefined, cache?: ParsedFileCache): Promise<ParsedLiveObjects> {
  if (!cache) return parseLiveObjects(await snapshotRead(file, () => readBoundedText(file, FILE_LIMITS.snapshot, rootDir)), file);
  return cache.readDigested('snapshot', file, stamp, async (knownDigest) => {
    const read = await snapshotRead(file, () => readYamlFileOffThread({ file, size: stamp.size, limit: FILE_LIMITS.snapshot, root: rootDir, knownDigest }));
    return read.unchanged ? read : { digest: read.digest, value: liveObjectsOf(read.value, file) };
  });
}

/** A read of a snapshot file, its failure said as the snapshot's. */
async function snapshotRead<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw new LiveStateError('snapshot', e instanceof FileRefusedError ? `snapshot ${e.message}` : `cannot read snapshot file ${file}: ${(e as Error).message}`);
  }
}

/** Checked on the size before reading: a file (or folder) over its limit is not read at all. */
function checkSnapshotSize(what: string, size: number, limit: FileLimit): void {
  try {
    checkFileSize(what, size, limit);
  } catch (e) {
    throw new LiveStateError('snapshot', `snapshot ${(e as Error).message}`);
  }
}

async function listSnapshotFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listSnapshotFiles(abs)));
    else if (SNAPSHOT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(abs);
  }
  return out;
}
