import * as vscode from 'vscode';
import type { OperationChannel } from '../../core/config/types';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { ReadyState } from '../shared/store/workspaceState';
import type { Ui } from '../shared/ui/uiSeam';

const CHANNEL_ICON: Record<OperationChannel['channel'], string> = { gitops: '$(git-pull-request)', issueops: '$(issues)', chatops: '$(comment-discussion)' };

/** Lists the team's operations and runs the chosen one through the channel youops.yaml gives it. */
export async function runOperation(state: ReadyState, ui: Ui, target: CommandTarget): Promise<void> {
  const ops = Object.entries(state.config.operations);
  if (ops.length === 0) {
    void ui.notify('info', 'youops.yaml lists no operations yet (operations: promote: gitops, …).');
    return;
  }
  const pick = await ui.pick(
    ops.map(([name, channel]) => ({ label: `${CHANNEL_ICON[channel.channel]} ${name}`, description: describe(channel), name, channel })),
    { placeHolder: 'Run which operation?' },
  );
  if (!pick) return;
  const { channel, name } = pick;
  // Where it was started travels along as `context`: the channel's command decodes it like any other argument.
  const context = target.args[0];
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
