import * as vscode from 'vscode';
import { agentObjectLabel, describeAgentStatus } from '../../core/agent/agentStatus';
import type { ResourceStatus } from '../../core/drift/resourceStatus';
import { describeRevision, type RevisionStatus } from '../../core/revision/compareRevision';
import { shortRevision } from '../../core/revision/deployedRevision';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import { environmentStatusLabel, summarizeCounts } from './tree/statusIcons';

const ICON: Record<ResourceStatus, string> = {
  InSync: '$(pass)',
  Drifted: '$(warning)',
  Missing: '$(circle-slash)',
  Extra: '$(diff-added)',
  Unknown: '$(question)',
  Error: '$(error)',
};

/** The environment of the file in the editor (or all of them), its sync status and the revision it runs, one click from the view. */
export function showEnvironmentStatusBar(store: WorkspaceStore): { item: vscode.StatusBarItem; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('youops.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'YouOps Environment';
  item.command = 'youops.environments.focus';

  const update = () => {
    const state = store.state;
    if (state.kind === 'invalid') {
      item.text = '$(error) YouOps';
      item.tooltip = 'youops.yaml has errors';
      item.command = 'youops.openConfig';
      return item.show();
    }
    item.command = 'youops.environments.focus';
    if (state.kind !== 'ready') return item.hide();
    const file = vscode.window.activeTextEditor?.document.uri.fsPath;
    const envNames = file ? store.manifests.environmentsOf(file) : [];
    if (envNames.length === 1) {
      const env = store.environment(envNames[0])?.state;
      const drift = env?.drift;
      const status = drift?.status ?? 'Unknown';
      const off = drift ? summarizeCounts(drift.counts, ['Drifted', 'Missing', 'Extra']) : '';
      item.text = `${ICON[status]} ${envNames[0]}${off ? `: ${off}` : ''}${env?.revision ? ` · ${revisionBadge(env.revision)}` : ''}`;
      const lines = [
        drift?.error
          ? `${envNames[0]}: ${drift.error}`
          : `${envNames[0]} is ${status === 'InSync' ? 'in sync with its live state' : environmentStatusLabel(status)}${drift ? ` — ${summarizeCounts(drift.counts)}` : ''}`,
        ...(env?.revision ? [`${describeRevision(env.revision)} (${env.revision.deployed.from})`] : []),
        ...(env?.agent ? [`${agentObjectLabel(env.agent)}: ${describeAgentStatus(env.agent)}`] : []),
      ];
      item.tooltip = lines.join('\n');
    } else {
      const known = state.environments.filter((e) => e.state);
      const off = known.filter((e) => e.state!.drift.status !== 'InSync' && e.state!.drift.status !== 'Unknown');
      item.text = off.length ? `$(warning) YouOps: ${off.length}/${state.environments.length} out of sync` : `$(pass) YouOps`;
      item.tooltip = off.length ? `Out of sync: ${off.map((e) => e.name).join(', ')}` : 'All environments in sync';
    }
    item.show();
  };
  update();
  return { item, disposable: vscode.Disposable.from(item, store.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update)) };
}

/** `$(git-commit) a1b2c3d ✓`, `$(git-commit) a1b2c3d ↓3` (commits behind its branch): the deployed revision in a few characters. */
function revisionBadge(r: RevisionStatus): string {
  const runs = r.deployedCommit ? r.deployedCommit.slice(0, 7) : shortRevision(r.deployed);
  const suffix = r.state === 'latest' ? ' ✓' : r.state === 'behind' ? ` ↓${r.behind}` : r.state === 'not-in-history' || r.state === 'ahead' ? ' ?' : '';
  return `$(git-commit) ${runs}${suffix}`;
}
