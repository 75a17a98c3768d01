import * as vscode from 'vscode';
import type { AgentOperationChannel, OperationChannel } from '../../core/config/types';
import { listOperations } from '../../core/operations/agentOperations';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { ReadyState } from '../shared/store/workspaceState';
import type { Ui } from '../shared/ui/uiSeam';
import { runAgentOperation } from './agent/agentCommands';
import type { AgentOperations } from './agent/agentOperations';

type AnyChannel = OperationChannel | AgentOperationChannel;

const CHANNEL_ICON: Record<AnyChannel['channel'], string> = {
  gitops: '$(git-pull-request)',
  issueops: '$(issues)',
  chatops: '$(comment-discussion)',
  flux: '$(sync)',
  argocd: '$(sync)',
};

/** Lists the team's operations in youops.yaml's order and runs the chosen one through the channel youops.yaml gives it. */
export async function runOperation(state: ReadyState, ui: Ui, agent: AgentOperations, target: CommandTarget): Promise<unknown> {
  const ops = listOperations(state.config);
  if (ops.length === 0) {
    void ui.notify('info', 'youops.yaml lists no operations yet (operations: promote: gitops, …).');
    return;
  }
  const pick = await ui.pick(
    ops.map(({ name, channel }) => ({ label: `${CHANNEL_ICON[channel.channel]} ${name}`, description: describe(channel), name, channel })),
    { placeHolder: 'Run which operation?' },
  );
  if (!pick) return;
  const { channel, name } = pick;
  // Where it was started (a tree row, or the editor's resource) travels along as `context`: the channel's command decodes it like any other argument.
  const context = target.args[0] ?? (target.env ? { env: target.env, key: target.key, path: target.path } : undefined);
  switch (channel.channel) {
    case 'issueops':
      return void vscode.commands.executeCommand('youops.openTicket', { template: channel.template, operation: name, context });
    case 'chatops':
      return void vscode.commands.executeCommand('youops.sendChatOpsCommand', { command: channel.command, operation: name, context });
    case 'gitops':
      return void vscode.commands.executeCommand(name === 'rollback' ? 'youops.rollback' : 'youops.promote', { operation: name, context });
    case 'flux':
    case 'argocd':
      return runAgentOperation(ui, agent, state, target, name, channel);
  }
}

function describe(c: AnyChannel): string {
  switch (c.channel) {
    case 'gitops':
      return 'GitOps — a pull request';
    case 'issueops':
      return `IssueOps — ticket from ${c.template}`;
    case 'chatops':
      return `ChatOps — ${c.command} command`;
    case 'flux':
      return `Flux — ${c.action}${c.withSource ? ' with its source' : ''}, waiting for the outcome`;
    case 'argocd':
      return 'Argo CD — sync, waiting for the outcome';
  }
}
