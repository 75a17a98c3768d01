import * as path from 'node:path';
import * as vscode from 'vscode';
import { agentObjectLabel, describeAgentStatus, type AgentStatus } from '../../../core/agent/agentStatus';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { driftText } from '../../../core/drift/driftText';
import type { ResourceStatus } from '../../../core/drift/resourceStatus';
import type { EnvironmentState } from '../../../core/environments/environmentState';
import { driftFieldLabel } from '../../../core/environments/fieldPathLabel';
import { reportedStatus } from '../../../core/environments/reportedStatus';
import { isKustomizeMessage } from '../../../core/kustomize/kustomizeErrors';
import { UNTRUSTED_RENDER_REASON } from '../../../core/kustomize/renderDesiredState';
import type { CommitInfo } from '../../../core/git/history';
import { formatResourceId } from '../../../core/manifests/resourceId';
import { describeRevision } from '../../../core/revision/compareRevision';
import type { HistoryMark } from '../../../core/revision/historyMarks';
import { relativeTime } from '../../../core/text/relativeTime';
import { Disposable } from '../../shared/disposable';
import { shortValue } from '../../shared/shortValue';
import { shownState, type EnvironmentEntry } from '../../shared/store/workspaceState';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { EnvironmentSection } from '../../shared/tree/environmentSection';
import { messageItem } from '../../shared/tree/messageRow';
import type { MessageNode, TreeNode } from '../../shared/tree/treeNodes';
import { toVsRange } from '../../shared/vsRange';
import { resourceRowUri } from '../editor/driftFileDecorations';
import { environmentStatusLabel, STATUS_LABEL, STATUS_ORDER, statusIcon, summarizeCounts } from './statusIcons';

/**
 * Environments → kinds → resources → drifted fields, then the rows of the sections other
 * features add (the last ChatOps command, tickets), then each environment's Git history.
 */
export class EnvironmentsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sections: EnvironmentSection[] = [];
  /** One node object per environment, so a row can be refreshed alone (the relative times). */
  private readonly environmentNodes = new Map<string, TreeNode>();

  constructor(private readonly store: WorkspaceStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire(undefined)));
  }

  /** A feature's rows under each environment, after the resources and before the history. */
  addSection(section: EnvironmentSection): void {
    this.sections.push(section);
    this._register(section.onDidChange(() => this.changed.fire(undefined)));
  }

  /** The clock relative times are read from (a test moves it on). */
  now: () => number = Date.now;
  /** The "refreshed …" text each environment row shows now. */
  private readonly shownRefreshed = new Map<string, string>();

  /**
   * Re-renders the environment rows whose "refreshed … ago" would read differently: it moves on
   * without a store change, by the minute, so a row (and its expanded children) is refreshed at
   * most once a minute.
   */
  refreshRelativeTimes(): void {
    for (const e of shownState(this.store.state)?.environments ?? []) {
      const node = this.environmentNodes.get(e.name);
      const at = e.state?.drift.refreshedAt;
      if (node && at && this.shownRefreshed.get(e.name) !== this.refreshedAgo(at)) this.changed.fire(node);
    }
  }

  /** `refreshed just now`, `refreshed 3 min ago`: by the minute, as VS Code's own views say it. */
  private refreshedAgo(at: Date): string {
    const now = this.now();
    return now - at.getTime() < 60_000 ? 'refreshed just now' : `refreshed ${relativeTime(at, now)}`;
  }

  private environmentNode(env: string): TreeNode {
    let node = this.environmentNodes.get(env);
    if (!node) this.environmentNodes.set(env, (node = { type: 'environment', env }));
    return node;
  }

  private sectionOf(node: TreeNode): EnvironmentSection | undefined {
    return this.sections.find((s) => s.owns(node));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const state = this.store.state;
    if (!node) {
      switch (state.kind) {
        case 'noFolder':
        case 'noConfig':
          return []; // the welcome view explains what to do
        case 'invalid': {
          const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
          // The environments of the last valid youops.yaml stay below the errors (and keep their expansion).
          const kept = state.lastGood?.environments.map((e) => this.environmentNode(e.name)) ?? [];
          return [
            {
              type: 'message',
              id: 'config-invalid',
              label: `${path.basename(state.configFile)} has ${plural(state.problems.filter((p) => p.severity === 'error').length, 'error')}`,
              detail: first ? `line ${first.range.start.line + 1}: ${first.message}${kept.length ? ' — showing the last valid version below' : ''}` : undefined,
              icon: 'error',
              command: { command: 'youops.openConfig', args: [first?.range.start.line ?? 0] },
            },
            ...kept,
          ];
        }
        case 'ready':
          return state.environments.map((e) => this.environmentNode(e.name));
      }
    }
    switch (node.type) {
      case 'environment':
        return this.environmentChildren(node.env);
      case 'kindGroup':
        return sortByStatus(node.resources).map((r) => ({ type: 'resource', env: node.env, resource: r }));
      case 'resource':
        return node.resource.fields.map((_, index) => ({ type: 'field', env: node.env, resource: node.resource, index }));
      case 'history':
        return node.commits.map((c) => ({ type: 'commit', env: node.env, commit: c }));
      case 'message':
      case 'field':
      case 'commit':
        return [];
      default:
        return this.sectionOf(node)?.children(node) ?? [];
    }
  }

  /** Lets the view reveal a resource (from a code lens) by walking up to its environment. */
  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.type) {
      case 'kindGroup':
      case 'history':
        return this.environmentNode(node.env);
      case 'resource':
        return this.kindGroupOf(node.env, node.resource.id.kind);
      case 'field':
        return { type: 'resource', env: node.env, resource: node.resource };
      case 'commit':
        return { type: 'history', env: node.env, commits: this.store.environment(node.env)?.state?.history ?? [] };
      case 'environment':
      case 'message':
        return undefined;
      default:
        return this.sectionOf(node)?.parent(node);
    }
  }

  resourceNode(env: string, key: string): TreeNode | undefined {
    const resource = this.store.resource(env, key);
    return resource && { type: 'resource', env, resource };
  }

  private kindGroupOf(env: string, kind: string): TreeNode | undefined {
    return this.environmentChildren(env).find((n) => n.type === 'kindGroup' && n.kind === kind);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'message':
        return messageItem(node);
      case 'environment':
        return this.environmentItem(this.store.environment(node.env));
      case 'kindGroup': {
        const item = new vscode.TreeItem(node.kind, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.env}/kind/${node.kind}`;
        item.description = summarize(node.resources);
        item.tooltip = `${node.kind} in ${node.env}: ${item.description}`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        item.contextValue = 'youops.kindGroup';
        return item;
      }
      case 'resource':
        return resourceItem(node.env, node.resource);
      case 'field':
        return fieldItem(node.env, node.resource, node.index);
      case 'history': {
        const item = new vscode.TreeItem('History', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.env}/history`;
        const last = node.commits[0];
        const marks = this.store.environment(node.env)?.state?.historyMarks;
        const pending = marks ? node.commits.filter((c) => marks[c.hash] === 'pending').length : 0;
        item.description = last ? `${pending ? `${pending} not deployed yet · ` : ''}last: ${last.subject} · ${relativeTime(last.date)}` : 'no commits';
        item.tooltip = last
          ? `${plural(node.commits.length, 'commit')} touching ${node.env}'s manifests\nlast: ${last.subject} (${last.shortHash}) — ${last.author}, ${last.date.toLocaleString()}`
          : `No commit touched ${node.env}'s manifests yet`;
        item.iconPath = new vscode.ThemeIcon('history');
        item.contextValue = 'youops.history';
        return item;
      }
      case 'commit':
        return commitItem(node.env, node.commit, this.store.environment(node.env)?.state);
      default:
        return this.sectionOf(node)?.item(node) ?? new vscode.TreeItem('');
    }
  }

  private environmentChildren(envName: string): TreeNode[] {
    const entry = this.store.environment(envName);
    const state = entry?.state;
    if (!state) return [{ type: 'message', id: `${envName}/loading`, label: 'Reading desired and live state…', icon: 'loading' }];
    const nodes: TreeNode[] = [];
    const rendering = renderingRow(envName, state);
    if (rendering) nodes.push(rendering);
    if (state.drift.error && state.rendering?.status !== 'failed') {
      nodes.push({
        type: 'message',
        id: `${envName}/error`,
        label: 'Live state unavailable',
        detail: state.drift.error,
        icon: 'error',
        command: { command: 'youops.showLog', args: [] },
      });
    }
    if (!state.config.live) {
      nodes.push({
        type: 'message',
        id: `${envName}/nolive`,
        label: 'No live state configured',
        detail: 'add live: to this environment in youops.yaml',
        icon: 'info',
      });
    }
    state.manifestErrors
      .filter((e) => e.severity === 'error')
      .forEach((e, i) =>
        nodes.push({
          type: 'message',
          id: `${envName}/manifest-error/${i}`,
          label: `${path.basename(e.file)}${e.range ? `:${e.range.start.line + 1}` : ''}: ${e.message}`,
          icon: 'error',
          command: { command: 'vscode.open', args: [vscode.Uri.file(e.file), { selection: e.range ? toVsRange(e.range) : undefined }] },
        }),
      );
    const byKind = new Map<string, ResourceDrift[]>();
    for (const r of state.drift.resources) byKind.set(r.id.kind, [...(byKind.get(r.id.kind) ?? []), r]);
    for (const [kind, resources] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) nodes.push({ type: 'kindGroup', env: envName, kind, resources });
    for (const section of this.sections) nodes.push(...section.environmentNodes(envName));
    nodes.push({ type: 'history', env: envName, commits: state.history });
    return nodes;
  }

  private environmentItem(entry: EnvironmentEntry | undefined): vscode.TreeItem {
    const name = entry?.name ?? '?';
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `env/${name}`;
    const state = entry?.state;
    // As the CLI reports it: a manifest that does not parse makes the environment Error, whatever the rest says.
    const rootDir = this.store.state.kind === 'ready' ? this.store.state.rootDir : undefined;
    const reported = state ? reportedStatus(state, rootDir) : undefined;
    const status = reported?.status ?? 'Unknown';
    const parts: string[] = [];
    if (entry?.refreshing && !state) parts.push('refreshing…');
    if (reported?.error && !state?.drift.error) parts.push(reported.error);
    if (state) {
      if (state.rendering?.status === 'notRendered' || state.rendering?.status === 'failed') parts.push('⚠ not rendered');
      if (state.revision) parts.push(describeRevision(state.revision));
      if (state.agent) parts.push(agentAttention(state.agent));
      parts.push(summarize(state.drift.resources));
      if (state.liveSummary) parts.push([state.liveSummary.sync, state.liveSummary.health].filter(Boolean).join(' / '));
      if (state.drift.refreshedAt) {
        const refreshed = this.refreshedAgo(state.drift.refreshedAt);
        this.shownRefreshed.set(name, refreshed);
        parts.push(refreshed);
      }
    }
    item.description = parts.filter(Boolean).join(' · ');
    item.iconPath = entry?.refreshing ? new vscode.ThemeIcon('sync~spin') : statusIcon(status);
    const cfg = state?.config;
    const tooltip = new vscode.MarkdownString(undefined, true);
    const counts = state ? summarize(state.drift.resources) : '';
    tooltip.appendMarkdown(`**${name}** — ${environmentStatusLabel(status)}${counts ? ` (${counts})` : ''}\n\n`);
    if (reported?.error) tooltip.appendMarkdown(`$(error) ${escape(reported.error)}\n\n`);
    else if (state?.rendering?.status === 'notRendered') tooltip.appendMarkdown(`$(warning) ${escape(state.rendering.reason ?? 'not rendered')}\n\n`);
    if (state?.rendering?.status === 'rendered' && state.rendering.tool) tooltip.appendMarkdown(`Rendered by \`${state.rendering.tool}\`  \n`);
    if (cfg) {
      tooltip.appendMarkdown(`Manifests: \`${cfg.manifests.join(', ')}\`  \n`);
      tooltip.appendMarkdown(`Live: ${cfg.live ? `\`${cfg.live.provider}\`` : '_none_'}  \n`);
      if (cfg.promotesFrom) tooltip.appendMarkdown(`Promotes from: \`${cfg.promotesFrom}\`  \n`);
      if (cfg.protected) tooltip.appendMarkdown(`$(lock) Protected: every action asks for confirmation  \n`);
      if (state?.branch) tooltip.appendMarkdown(`Branch: \`${state.branch}\`  \n`);
      if (state?.revision) tooltip.appendMarkdown(`Deployed: ${escape(describeRevision(state.revision))} (${escape(state.revision.deployed.from)})  \n`);
      if (state?.agent) tooltip.appendMarkdown(`${escape(agentObjectLabel(state.agent))}: ${escape(describeAgentStatus(state.agent))}  \n`);
      if (state?.history[0]) tooltip.appendMarkdown(`Last change: ${escape(state.history[0].subject)} (${state.history[0].shortHash})`);
    }
    item.tooltip = tooltip;
    // The agent's kind last, so its actions (reconcile, sync) key on `.flux` / `.argocd`.
    const agent = cfg?.live?.provider === 'flux' || cfg?.live?.provider === 'argocd' ? `.${cfg.live.provider}` : '';
    item.contextValue = `youops.environment.${status.toLowerCase()}${cfg?.protected ? '.protected' : ''}${agent}`;
    return item;
  }
}

/**
 * Kustomizations read as written (untrusted workspace, no kustomize) or that kustomize could not
 * render: said first, with what to do. A render that failed leaves no drift to trust: an error.
 */
function renderingRow(envName: string, state: EnvironmentState): MessageNode | undefined {
  const r = state.rendering;
  if (r?.status === 'notRendered') {
    const untrusted = r.reason === UNTRUSTED_RENDER_REASON;
    return {
      type: 'message',
      id: `${envName}/not-rendered`,
      label: 'Not rendered',
      detail: (r.reason ?? '').replace(/^not rendered: /, ''),
      icon: 'warning',
      command: untrusted ? { command: 'workbench.trust.manage', args: [] } : { command: 'workbench.action.openSettings', args: ['youops.kustomize.path'] },
    };
  }
  if (r?.status === 'failed') {
    const first = state.manifestErrors.find((e) => e.severity === 'error' && isKustomizeMessage(e));
    return {
      type: 'message',
      id: `${envName}/render-failed`,
      label: 'Not rendered',
      detail: state.drift.error ?? r.reason,
      icon: 'error',
      command: first
        ? { command: 'vscode.open', args: [vscode.Uri.file(first.file), { selection: first.range ? toVsRange(first.range) : undefined }] }
        : { command: 'youops.showLog', args: [] },
    };
  }
  return undefined;
}

/** The agent's state on the environment row only when it needs attention; Ready says nothing new. */
function agentAttention(agent: AgentStatus): string {
  if (agent.agent !== 'flux') return '';
  switch (agent.state) {
    case 'Suspended':
      return '⏸ suspended';
    case 'Stalled':
      return 'Flux stalled';
    case 'NotReady':
      return 'Flux not ready';
    case 'Reconciling':
      return 'reconciling…';
    default:
      return '';
  }
}

const MARK_ICON: Record<HistoryMark, vscode.ThemeIcon> = {
  deployed: new vscode.ThemeIcon('rocket', new vscode.ThemeColor('testing.iconPassed')),
  pending: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
  included: new vscode.ThemeIcon('git-commit'),
};

/**
 * A History commit, marked against what runs: the deployed commit (or, when that commit did not
 * touch this environment, the newest one it includes), and the commits not deployed yet.
 */
function commitItem(env: string, c: CommitInfo, state: EnvironmentState | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(c.subject);
  item.id = `${env}/commit/${c.hash}`;
  const marks = state?.historyMarks;
  const runs = state?.revision?.deployedCommit?.slice(0, 7);
  let mark = marks?.[c.hash];
  let label = mark === 'deployed' ? 'deployed' : mark === 'pending' ? 'not deployed yet' : undefined;
  if (mark === 'included' && marks && !Object.values(marks).includes('deployed') && state!.history.find((h) => marks[h.hash] === 'included')?.hash === c.hash) {
    mark = 'deployed';
    label = `deployed (in ${runs})`;
  }
  item.description = `${label ? `${label} · ` : ''}${c.shortHash} · ${c.author} · ${relativeTime(c.date)}`;
  const where =
    mark === 'deployed'
      ? `\n${env} runs ${runs}`
      : mark === 'pending'
        ? `\nnot deployed to ${env} yet (it runs ${runs})`
        : mark === 'included'
          ? `\ndeployed to ${env} (it runs ${runs})`
          : '';
  item.tooltip = `${c.subject}\n${c.hash}\n${c.author}, ${c.date.toLocaleString()}${where}`;
  item.iconPath = mark ? MARK_ICON[mark] : new vscode.ThemeIcon('git-commit');
  item.contextValue = 'youops.commit';
  item.command = { title: 'Show commit', command: 'youops.showCommit', arguments: [{ env, hash: c.hash }] };
  return item;
}

function resourceItem(env: string, r: ResourceDrift): vscode.TreeItem {
  const hasFields = r.fields.length > 0;
  const label = r.id.namespace ? `${r.id.name}` : r.id.name;
  const item = new vscode.TreeItem(label, hasFields ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${env}/res/${r.key}`;
  item.description =
    r.status === 'Drifted'
      ? `${plural(r.fields.length, 'field')} drifted`
      : r.status === 'InSync'
        ? ''
        : r.reason
          ? `${STATUS_LABEL[r.status]}: ${r.reason}`
          : STATUS_LABEL[r.status];
  if (r.id.namespace) item.description = [item.description, r.id.namespace].filter(Boolean).join(' · ');
  item.iconPath = statusIcon(r.status);
  const where = r.resource ? `\n${r.resource.file}:${r.resource.range.start.line + 1}` : '\nlive only: no manifest declares it (click to see the live object)';
  const status = r.status === 'Drifted' ? `${plural(r.fields.length, 'field')} drifted` : STATUS_LABEL[r.status];
  item.tooltip = `${formatResourceId(r.id)} — ${status} in ${env}${r.reason ? `: ${r.reason}` : ''}${where}`;
  item.contextValue = `youops.resource.${r.status === 'Drifted' ? 'drifted' : r.status.toLowerCase()}`;
  // Coloured by this resource's status; the file's badge stays in the Explorer.
  item.resourceUri = resourceRowUri(env, r.key);
  // A live-only object has no manifest line to reveal: clicking it shows the live object.
  item.command = r.resource
    ? { title: 'Reveal', command: 'youops.revealResource', arguments: [{ env, key: r.key }] }
    : { title: 'Show live object', command: 'youops.showDrift', arguments: [{ env, key: r.key }] };
  return item;
}

function fieldItem(env: string, r: ResourceDrift, index: number): vscode.TreeItem {
  const f = r.fields[index];
  const item = new vscode.TreeItem(driftFieldLabel(r, f.path));
  item.id = `${env}/res/${r.key}/field/${f.path}`;
  const text = driftText(f, shortValue);
  const full = driftText(f, (v) => JSON.stringify(v) ?? String(v));
  item.description = `desired ${text.desired} · live ${text.live}`;
  item.tooltip = `${driftFieldLabel(r, f.path)}\ndesired: ${full.desired}\nlive: ${full.live}`;
  item.iconPath = new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'youops.field';
  item.command = { title: 'Reveal', command: 'youops.revealResource', arguments: [{ env, key: r.key, path: f.path }] };
  return item;
}

function summarize(resources: readonly ResourceDrift[]): string {
  const counts: Partial<Record<ResourceStatus, number>> = {};
  for (const r of resources) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return summarizeCounts(counts);
}

function sortByStatus(resources: readonly ResourceDrift[]): ResourceDrift[] {
  return [...resources].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.id.name.localeCompare(b.id.name));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
