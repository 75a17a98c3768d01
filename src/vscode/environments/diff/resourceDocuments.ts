import * as vscode from 'vscode';
import { normalizeLiveForDiff, toYaml } from '../../../core/drift/normalize';
import { Disposable } from '../../shared/disposable';
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
    if (uri.scheme === DESIRED_SCHEME) return r.resource ? toYaml(r.resource.object) : '# Not declared in Git (live only).\n';
    if (r.live === undefined) return `# Not found in the live state of ${q.get('env')}.\n`;
    return toYaml(r.resource ? normalizeLiveForDiff(r.resource.object, r.live) : r.live);
  }
}
