import * as vscode from 'vscode';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import type { ResourceStatus } from '../../../core/drift/resourceStatus';
import { Disposable } from '../../shared/disposable';
import { YAML_AND_JSON_FILES } from '../../shared/documentSelectors';
import type { FieldInEnvironment, ResourceInEnvironment } from '../../shared/store/manifestIndex';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/**
 * Above each resource: its status in every environment that deploys it (a base shared by
 * several overlays answers for each: `⚠ prod: 1 drifted · ✓ staging`), and the actions. Above
 * a line of a patch or kustomization.yaml that sets a drifted value: that drift.
 */
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
    const file = document.uri.fsPath;
    const byLine = groupByLine(this.store.manifests.resourcesIn(file), (i) => i.resource.resource!.range.start.line);
    const lenses: vscode.CodeLens[] = [];
    for (const [line, items] of byLine) lenses.push(...this.resourceLenses(new vscode.Range(line, 0, line, 0), items));
    // Values set here for resources declared elsewhere: a patch, an images/replicas entry, a generator literal.
    const setHere = this.store.manifests.fieldsIn(file).filter(({ field }) => field.setHere && field.source.setBy !== 'resource');
    for (const [line, items] of groupByLine(setHere, (i) => i.field.range.start.line)) lenses.push(...settingLenses(new vscode.Range(line, 0, line, 0), items));
    return lenses;
  }

  private resourceLenses(range: vscode.Range, items: ResourceInEnvironment[]): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    const ordered = worstFirst(items);
    const first = ordered[0];
    const name = `${first.resource.id.kind} ${first.resource.id.name}`;
    lenses.push(
      new vscode.CodeLens(range, {
        title: items.length === 1 ? statusTitle(first.env, first.resource) : ordered.map(({ env, resource }) => shortStatus(env, resource)).join(' · '),
        command: 'youops.revealInTree',
        arguments: [{ env: first.env, key: first.resource.key }],
        tooltip:
          items.length === 1
            ? `${statusTitle(first.env, first.resource)}: show ${name} in the Environments view`
            : ordered.map(({ env, resource }) => statusTitle(env, resource)).join('\n'),
      }),
    );
    // One environment: its diff, drifted or not. Several (a shared base): the diffs worth opening.
    const comparable = ordered.filter(({ resource }) => resource.status === 'Drifted' || (items.length === 1 && resource.status === 'InSync'));
    for (const { env, resource } of comparable) {
      const title = items.length === 1 ? 'Show diff' : `Show diff (${env})`;
      const tooltip = `Compare ${resource.id.kind} ${resource.id.name} in Git with its live state in ${env}`;
      lenses.push(new vscode.CodeLens(range, { title, command: 'youops.showDrift', arguments: [{ env, key: resource.key }], tooltip }));
    }
    // Promotion goes downstream: one lens per environment that promotesFrom one that deploys this resource.
    const envs = this.store.state.kind === 'ready' ? this.store.state.config.environments : [];
    for (const { env, resource } of items) {
      for (const to of envs.filter((e) => e.promotesFrom === env)) {
        // Overlays may rename it (prefixes): promotion names it as its base does.
        const promotion = { from: env, to: to.name, resource: `${resource.id.kind}/${resource.resource?.rendered?.origin.name ?? resource.id.name}` };
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
    const ref = { env: first.env, key: first.resource.key };
    const about = (title: string, command: string, what: string) =>
      new vscode.CodeLens(range, { title, command, arguments: [ref], tooltip: `${what} about ${name} in ${first.env}, prefilled from here` });
    lenses.push(
      about('Open ticket', 'youops.openTicket', 'Open an IssueOps ticket'),
      about('Send ChatOps command', 'youops.sendChatOpsCommand', 'Send a ChatOps command'),
    );
    return lenses;
  }
}

/** A line that sets drifted values (several on a kustomization.yaml `images:` entry, several environments on a shared component). */
function settingLenses(range: vscode.Range, items: FieldInEnvironment[]): vscode.CodeLens[] {
  const byEnv = new Map<string, FieldInEnvironment[]>();
  for (const i of items) byEnv.set(i.env, [...(byEnv.get(i.env) ?? []), i]);
  const [env, fields] = [...byEnv][0];
  const { field } = fields[0];
  const title =
    byEnv.size === 1
      ? fields.length === 1
        ? `⚠ ${field.id.kind} ${field.id.name}: ${field.label} drifted in ${env}`
        : `⚠ ${fields.length} fields drifted in ${env}`
      : [...byEnv].map(([e, fs]) => `⚠ ${e}: ${fs.length} drifted`).join(' · ');
  const lenses = [
    new vscode.CodeLens(range, {
      title,
      command: 'youops.revealInTree',
      arguments: [{ env, key: field.resourceKey }],
      tooltip: items.map(({ env: e, field: f }) => `${e}: ${f.id.kind} ${f.id.name} ${f.label}`).join('\n'),
    }),
  ];
  for (const [e, fs] of byEnv) {
    const f = fs[0].field;
    lenses.push(
      new vscode.CodeLens(range, {
        title: byEnv.size === 1 ? 'Show diff' : `Show diff (${e})`,
        command: 'youops.showDrift',
        arguments: [{ env: e, key: f.resourceKey, path: f.pointer }],
      }),
    );
  }
  return lenses;
}

function groupByLine<T>(items: readonly T[], lineOf: (item: T) => number): Map<number, T[]> {
  const byLine = new Map<number, T[]>();
  for (const item of items) {
    const line = lineOf(item);
    byLine.set(line, [...(byLine.get(line) ?? []), item]);
  }
  return byLine;
}

const SEVERITY: Record<ResourceStatus, number> = { Error: 0, Missing: 1, Drifted: 2, Extra: 3, Unknown: 4, InSync: 5 };

/** Environments that need attention first (`⚠ prod: 1 drifted · ✓ staging`), else in the order of youops.yaml. */
function worstFirst(items: ResourceInEnvironment[]): ResourceInEnvironment[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => SEVERITY[a.item.resource.status] - SEVERITY[b.item.resource.status] || a.i - b.i)
    .map((x) => x.item);
}

function shortStatus(env: string, r: ResourceDrift): string {
  switch (r.status) {
    case 'InSync':
      return `✓ ${env}`;
    case 'Drifted':
      return `⚠ ${env}: ${r.fields.length} drifted`;
    case 'Missing':
      return `✗ ${env}: missing`;
    case 'Error':
      return `✗ ${env}: unavailable`;
    default:
      return `? ${env}`;
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
