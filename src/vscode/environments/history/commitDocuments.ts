import * as vscode from 'vscode';
import { commitPatch } from '../../../core/git/history';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

export const COMMIT_SCHEME = 'youops-commit';

/** A commit of an environment's history as a read-only patch limited to that environment's manifests. */
export class CommitDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: WorkspaceStore) {}

  static uri(env: string, hash: string): vscode.Uri {
    return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${env}/${hash.slice(0, 8)}.diff`, query: new URLSearchParams({ env, hash }).toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const state = this.store.state;
    if (state.kind !== 'ready') return '# youops.yaml is not loaded.\n';
    const env = state.config.environments.find((e) => e.name === q.get('env'));
    if (!env) return `# No environment named ${q.get('env')}.\n`;
    try {
      return await commitPatch(state.rootDir, q.get('hash') ?? '', env.manifests);
    } catch (err) {
      return `# Could not read the commit: ${(err as Error).message}\n`;
    }
  }
}
