import * as vscode from 'vscode';
import { agentObjectLabel, describeAgentStatus, type AgentStatus } from '../../../core/agent/agentStatus';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { EnvironmentSection } from '../../shared/tree/environmentSection';
import type { TreeNode } from '../../shared/tree/treeNodes';
import type { AgentOperations } from './agentOperations';

/** The GitOps agent's own row under an environment: its Flux object or Argo CD application. */
export interface AgentNode {
  type: 'agent';
  env: string;
}

declare module '../../shared/tree/treeNodes' {
  interface SectionNodes {
    agent: AgentNode;
  }
}

/**
 * "Kustomization flux-system/prod — Ready · applied main@sha1:a1b2c3d" (or "Stalled: …",
 * "Suspended · …", "Synced · Healthy · …") beside YouOps' own drift, with the agent's
 * operations as the row's actions; while one runs, what the agent was last seen doing.
 */
export class AgentSection implements EnvironmentSection<AgentNode> {
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly operations: AgentOperations,
  ) {
    this.onDidChange = operations.onDidChange;
  }

  owns(node: TreeNode): node is AgentNode {
    return node.type === 'agent';
  }

  environmentNodes(env: string): AgentNode[] {
    return this.store.environment(env)?.state?.agent || this.operations.running(env) ? [{ type: 'agent', env }] : [];
  }

  children(): TreeNode[] {
    return [];
  }

  parent(node: AgentNode): TreeNode {
    return { type: 'environment', env: node.env };
  }

  item(node: AgentNode): vscode.TreeItem {
    const agent = this.store.environment(node.env)?.state?.agent;
    const running = this.operations.running(node.env);
    const item = new vscode.TreeItem(agent ? agentRowLabel(agent) : running!.what);
    item.id = `${node.env}/agent`;
    item.description = running ? `${running.what}… ${running.progress ?? ''}`.trim() : agent && describeAgentStatus(agent);
    const tooltip = new vscode.MarkdownString(undefined, true);
    if (agent) tooltip.appendText(`${agentObjectLabel(agent)}\n${describeAgentStatus(agent)}`);
    if (agent?.agent === 'flux' && agent.lastAttemptedRevision && agent.lastAttemptedRevision !== agent.lastAppliedRevision) {
      tooltip.appendText(`\nlast attempted: ${agent.lastAttemptedRevision}`);
    }
    if (running) tooltip.appendText(`\n\nRunning: ${running.what}${running.progress ? `\n${running.progress}` : ''}`);
    item.tooltip = tooltip;
    item.iconPath = running ? new vscode.ThemeIcon('sync~spin') : agentIcon(agent!);
    item.contextValue = agent ? agentContext(agent) : 'youops.agent.running';
    return item;
  }
}

/** The object without the agent's name in front: the environment row above already belongs to it. */
function agentRowLabel(agent: AgentStatus): string {
  return agent.agent === 'flux'
    ? `${agent.kind} ${agent.namespace}/${agent.name}`
    : `Argo CD ${agent.appNamespace ? `${agent.appNamespace}/` : ''}${agent.app}`;
}

/** `youops.agent.flux.ready`, `youops.agent.flux.suspended`, `youops.agent.argocd`: the row's actions key on it. */
function agentContext(agent: AgentStatus): string {
  return agent.agent === 'flux' ? `youops.agent.flux.${agent.suspended ? 'suspended' : agent.state.toLowerCase()}` : 'youops.agent.argocd';
}

function agentIcon(agent: AgentStatus): vscode.ThemeIcon {
  const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
  if (agent.agent === 'argocd') {
    if (agent.operation?.phase === 'Running') return icon('sync~spin');
    if (agent.health === 'Degraded' || agent.operation?.phase === 'Failed' || agent.operation?.phase === 'Error') return icon('error', 'list.errorForeground');
    return agent.sync === 'Synced' ? icon('pass', 'testing.iconPassed') : icon('warning', 'list.warningForeground');
  }
  switch (agent.state) {
    case 'Ready':
      return icon('pass', 'testing.iconPassed');
    case 'Suspended':
      return icon('debug-pause', 'list.warningForeground');
    case 'Reconciling':
      return icon('sync~spin');
    case 'Stalled':
    case 'NotReady':
      return icon('error', 'list.errorForeground');
    case 'Unknown':
      return icon('question');
  }
}
