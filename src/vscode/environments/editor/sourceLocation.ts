import * as vscode from 'vscode';
import type { ValueSource } from '../../../core/manifests/valueSource';

/** `overlays/prod/deployment-patch.yaml:7`: where a value is set, as every editor surface names it. */
export function sourceLocation(source: Pick<ValueSource, 'file' | 'range'>): string {
  return `${vscode.workspace.asRelativePath(source.file, false)}:${source.range.start.line + 1}`;
}
