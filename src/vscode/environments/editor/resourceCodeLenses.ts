import * as vscode from 'vscode';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { Disposable } from '../../shared/disposable';
import { YAML_AND_JSON_FILES } from '../../shared/documentSelectors';
import type { ResourceInEnvironment } from '../../shared/store/manifestIndex';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/** Above each resource: its status in every environment that deploys it, and the actions. */
export class ResourceCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: WorkspaceStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire()));
    this._register(store.onDidChangeDraft(() => this.changed.fire()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('youops.drift.codeLens') && this.changed.fire()));
    this._register(vscode.languages.registerCodeLensProvider(YAML_AND_JSON_FILES, this));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('youops').get<boolean>('drift.codeLens', true)) return [];
    const byLine = new Map<number, ResourceInEnvironment[]>();
    for (const item of this.store.manifests.inFile(document.uri.fsPath)) {
      const line = item.resource.resource!.range.start.line;
      byLine.set(line, [...(byLine.get(line) ?? []), item]);
    }
    const lenses: vscode.CodeLens[] = [];
    for (const [line, items] of byLine) {
      const range = new vscode.Range(line, 0, line, 0);
      for (const { env, resource } of items) {
        const ref = { env, key: resource.key };
        lenses.push(
          new vscode.CodeLens(range, {
            title: statusTitle(env, resource),
            command: 'youops.revealInTree',
            arguments: [ref],
            tooltip: `${statusTitle(env, resource)}: show ${resource.id.kind} ${resource.id.name} in the Environments view`,
          }),
        );
        if (resource.status === 'Drifted' || resource.status === 'InSync') {
          lenses.push(
            new vscode.CodeLens(range, {
              title: 'Show diff',
              command: 'youops.showDrift',
              arguments: [ref],
              tooltip: `Compare ${resource.id.kind} ${resource.id.name} in Git with its live state in ${env}`,
            }),
          );
        }
        // Promotion goes downstream: one lens per environment that promotesFrom this one.
        const downstream = this.store.state.kind === 'ready' ? this.store.state.config.environments.filter((e) => e.promotesFrom === env) : [];
        for (const to of downstream) {
          const promotion = { from: env, to: to.name, resource: `${resource.id.kind}/${resource.id.name}` };
          lenses.push(
            new vscode.CodeLens(range, {
              title: `Promote to ${to.name}`,
              command: 'youops.promote',
              arguments: [promotion],
              tooltip: `Open a pull request that brings ${resource.id.name}'s values from ${env} to ${to.name}`,
            }),
          );
        }
      }
      const [{ env, resource }] = items;
      const ref = { env, key: resource.key };
      const about = (title: string, command: string, what: string) =>
        new vscode.CodeLens(range, {
          title,
          command,
          arguments: [ref],
          tooltip: `${what} about ${resource.id.kind} ${resource.id.name} in ${env}, prefilled from here`,
        });
      lenses.push(
        about('Open ticket', 'youops.openTicket', 'Open an IssueOps ticket'),
        about('Send ChatOps command', 'youops.sendChatOpsCommand', 'Send a ChatOps command'),
      );
    }
    return lenses;
  }
}

export function statusTitle(env: string, r: ResourceDrift): string {
  switch (r.status) {
    case 'InSync':
      return `✓ in sync with ${env}`;
    case 'Drifted':
      return `⚠ ${r.fields.length} field${r.fields.length === 1 ? '' : 's'} drifted in ${env}`;
    case 'Missing':
      return `✗ missing in ${env}`;
    case 'Error':
      return `✗ live state of ${env} unavailable`;
    default:
      return r.reason ? `? ${env}: ${r.reason}` : `? ${env}: live state unknown`;
  }
}
