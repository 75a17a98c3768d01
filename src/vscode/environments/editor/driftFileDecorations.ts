import * as vscode from 'vscode';
import type { ResourceStatus } from '../../../core/drift/resourceStatus';
import { Disposable } from '../../shared/disposable';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

const RESOURCE_ROW_SCHEME = 'youops-resource';

/** The `resourceUri` of a resource row in the Environments view: decorated by that resource's status, not by its file's. */
export function resourceRowUri(env: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RESOURCE_ROW_SCHEME, path: `/${env}`, query: new URLSearchParams({ key }).toString() });
}

const COLOR: Partial<Record<ResourceStatus, string>> = {
  Drifted: 'list.warningForeground',
  Extra: 'list.warningForeground',
  Missing: 'list.errorForeground',
  Error: 'list.errorForeground',
};

/**
 * Colour by resource, badge by file: files in the Explorer whose resources drifted or are missing
 * live, or that set a drifted value (a patch, a kustomization.yaml), get a badge (≠, ✗); rows of
 * the Environments view take the colour of their own resource, so an in-sync Service beside a
 * drifted Deployment in one file is not coloured.
 */
export class DriftFileDecorationProvider extends Disposable implements vscode.FileDecorationProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;

  constructor(private readonly store: WorkspaceStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire(undefined)));
    this._register(vscode.window.registerFileDecorationProvider(this));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme === RESOURCE_ROW_SCHEME) return this.resourceDecoration(uri);
    if (uri.scheme !== 'file') return undefined;
    const file = uri.fsPath;
    const items = this.store.manifests.resourcesIn(file).filter(({ resource }) => resource.status === 'Drifted' || resource.status === 'Missing');
    const setHere = this.store.manifests.fieldsIn(file).filter(({ field }) => field.setHere && field.source.setBy !== 'resource');
    if (items.length === 0 && setHere.length === 0) return undefined;
    const envs = [...new Set([...items, ...setHere].map((i) => i.env))];
    const missing = items.some((i) => i.resource.status === 'Missing');
    const what = items.length
      ? `${items.length} resource${items.length === 1 ? '' : 's'} out of sync`
      : `sets ${setHere.length} drifted value${setHere.length === 1 ? '' : 's'}`;
    return {
      badge: missing ? '✗' : '≠',
      tooltip: `${what} in ${envs.join(', ')}`,
      color: new vscode.ThemeColor(missing ? 'list.errorForeground' : 'list.warningForeground'),
    };
  }

  private resourceDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const status = this.store.resource(uri.path.slice(1), new URLSearchParams(uri.query).get('key') ?? '')?.status;
    const color = status && COLOR[status];
    return color ? { color: new vscode.ThemeColor(color) } : undefined;
  }
}
