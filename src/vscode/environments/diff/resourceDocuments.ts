import * as vscode from 'vscode';
import { driftDocuments } from '../../../core/drift/driftDocuments';
import { Disposable } from '../../shared/disposable';
import { shownState } from '../../shared/store/workspaceState';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

export const LIVE_SCHEME = 'youops-live';
export const DESIRED_SCHEME = 'youops-desired';

/** Read-only documents of a resource's live object (normalized like the manifest) and of its desired object. */
export class ResourceDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();

  constructor(private readonly store: WorkspaceStore) {
    super();
    this._register(store.onDidChange(() => this.open.forEach((u) => this.changed.fire(vscode.Uri.parse(u)))));
    this._register(vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, this));
    this._register(vscode.workspace.registerTextDocumentContentProvider(DESIRED_SCHEME, this));
  }

  static uri(scheme: string, env: string, key: string, name: string): vscode.Uri {
    return vscode.Uri.from({ scheme, path: `/${env}/${name}.yaml`, query: new URLSearchParams({ env, key }).toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const q = new URLSearchParams(uri.query);
    const r = this.store.resource(q.get('env') ?? '', q.get('key') ?? '');
    if (!r) return '# This resource is no longer part of the environment.\n';
    // Both sides from the rule that decided the status: ignored and server fields left out, Secret values masked.
    // A live-only (Extra) object is shaped too: without server-managed fields it reads like a manifest.
    const docs = driftDocuments(r, q.get('env') ?? '', shownState(this.store.state)?.config.drift);
    return uri.scheme === DESIRED_SCHEME ? docs.desired : docs.live;
  }
}
