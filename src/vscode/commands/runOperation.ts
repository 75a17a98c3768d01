import * as vscode from 'vscode';
import type { OperationChannel } from '../../core/config/types';
import type { WorkspaceStore } from '../store/workspaceStore';

const CHANNEL_ICON: Record<OperationChannel['channel'], string> = { gitops: '$(git-pull-request)', issueops: '$(issues)', chatops: '$(comment-discussion)' };

/** Lists the team's operations and runs the chosen one through the channel youops.yaml gives it. */
export async function runOperation(store: WorkspaceStore, context?: unknown): Promise<void> {
  const state = store.state;
  if (state.kind !== 'ready') {
    void vscode.window.showWarningMessage(state.kind === 'invalid' ? 'Fix the errors in youops.yaml first.' : 'No youops.yaml in this workspace.');
    return;
  }
  const ops = Object.entries(state.config.operations);
  if (ops.length === 0) {
    void vscode.window.showInformationMessage('youops.yaml lists no operations yet (operations: promote: gitops, …).');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    ops.map(([name, channel]) => ({ label: `${CHANNEL_ICON[channel.channel]} ${name}`, description: describe(channel), name, channel })),
    { placeHolder: 'Run which operation?', matchOnDescription: true },
  );
  if (!pick) return;
  const { channel, name } = pick;
  switch (channel.channel) {
    case 'issueops':
      return void vscode.commands.executeCommand('youops.openTicket', { template: channel.template, operation: name, context });
    case 'chatops':
      return void vscode.commands.executeCommand('youops.sendChatOpsCommand', { command: channel.command, operation: name, context });
    case 'gitops':
      return void vscode.commands.executeCommand(name === 'rollback' ? 'youops.rollback' : 'youops.promote', { operation: name, context });
  }
}

function describe(c: OperationChannel): string {
  switch (c.channel) {
    case 'gitops':
      return 'GitOps — a pull request';
    case 'issueops':
      return `IssueOps — ticket from ${c.template}`;
    case 'chatops':
      return `ChatOps — ${c.command} command`;
  }
}
