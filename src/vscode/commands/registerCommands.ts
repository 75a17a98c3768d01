import * as vscode from 'vscode';
import type { ResourceRef } from '../store/findResource';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { EnvironmentsTreeProvider } from '../tree/environmentsTreeProvider';
import type { TreeNode } from '../tree/treeNodes';
import type { ValidationApi } from '../validation/registerValidation';
import { createConfig } from './createConfig';
import { openConfig } from './openConfig';
import { revealInTree } from './revealInTree';
import { revealResource } from './revealResource';
import { runOperation } from './runOperation';
import { showCommit } from './showCommit';
import { showDrift } from './showDrift';
import { validateWorkspace } from './validateWorkspace';

/** Tree rows arrive as TreeNodes, lenses and hovers pass ResourceRefs: accept both. */
function asRef(arg: unknown): ResourceRef | undefined {
  const node = arg as TreeNode | ResourceRef | undefined;
  if (!node) return undefined;
  if ('type' in node && (node.type === 'resource' || node.type === 'field')) return { env: node.env, key: node.resource.key };
  if ('key' in node) return node;
  return undefined;
}

function envOf(arg: unknown): string | undefined {
  const node = arg as { env?: string } | undefined;
  return typeof node?.env === 'string' ? node.env : undefined;
}

export function registerCommands(
  store: WorkspaceStore,
  tree: { view: vscode.TreeView<TreeNode>; provider: EnvironmentsTreeProvider },
  validation: ValidationApi,
): vscode.Disposable {
  const r = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    r('youops.refresh', (arg?: unknown) => store.refresh(envOf(arg))),
    r('youops.createConfig', () => createConfig(store)),
    r('youops.openConfig', (line?: number) => openConfig(store, line)),
    r('youops.showDrift', (arg?: unknown) => showDrift(store, asRef(arg))),
    r('youops.revealResource', (arg?: unknown) => {
      const ref = asRef(arg);
      return ref ? revealResource(store, ref) : undefined;
    }),
    r('youops.revealInTree', (ref: ResourceRef) => revealInTree(tree.view, tree.provider, ref)),
    r('youops.showCommit', (ref: { env: string; hash: string }) => showCommit(ref)),
    r('youops.validateWorkspace', () => validateWorkspace(store, validation.diagnostics)),
    r('youops.runOperation', (arg?: unknown) => runOperation(store, arg)),
    // youops.openTicket: registered with the rest of IssueOps in vscode/issueops/registerIssueOps.
    // youops.sendChatOpsCommand: registered with the rest of ChatOps in vscode/chatops/registerChatOps.
    // youops.promote, youops.rollback: registered with the rest of GitOps in vscode/gitops/registerGitOps.
    r('youops.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', 'youops.youops#youops.gettingStarted', false),
    ),
  );
}
