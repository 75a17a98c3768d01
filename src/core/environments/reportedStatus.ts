import * as path from 'node:path';
import type { ResourceStatus } from '../drift/resourceStatus';
import type { EnvironmentState } from './environmentState';

/**
 * The status reports show for an environment. A manifest that could not be read or parsed
 * makes it Error even when everything that was read is in sync: part of the desired state is
 * unknown, so "InSync" would be a lie. The provider's own failure wins (it is the first to fix).
 */
export function reportedStatus(state: EnvironmentState, rootDir?: string): { status: ResourceStatus; error?: string } {
  if (state.drift.status === 'Error') return { status: 'Error', error: state.drift.error };
  const broken = state.manifestErrors.filter((e) => e.severity === 'error');
  if (broken.length === 0) return { status: state.drift.status };
  const first = broken[0];
  const file = rootDir ? path.relative(rootDir, first.file).split(path.sep).join('/') || first.file : first.file;
  const where = `${file}${first.range ? `:${first.range.start.line + 1}` : ''}`;
  const more = broken.length > 1 ? ` (and ${broken.length - 1} more manifest error${broken.length > 2 ? 's' : ''})` : '';
  return { status: 'Error', error: `manifest error: ${where}: ${first.message}${more}` };
}
