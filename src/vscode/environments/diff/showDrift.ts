import * as vscode from 'vscode';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { driftText } from '../../../core/drift/driftText';
import { driftFieldLabel } from '../../../core/environments/fieldPathLabel';
import { formatResourceId } from '../../../core/manifests/resourceId';
import type { CommandTarget } from '../../shared/commands/commandTarget';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';
import { STATUS_LABEL } from '../tree/statusIcons';
import { DESIRED_SCHEME, LIVE_SCHEME, ResourceDocumentProvider } from './resourceDocuments';

/**
 * Opens desired ↔ live for a resource: the one a tree row, lens or hover names, the one under
 * the cursor (asking which environment when several deploy it), or — with no manifest at
 * hand — one picked from every resource out of sync.
 */
export async function showDrift(store: WorkspaceStore, ui: Ui, target: CommandTarget): Promise<void> {
  const ref = target.env && target.key ? { env: target.env, key: target.key } : await pickResource(store, ui, target.candidates ?? []);
  if (!ref) return;
  const r = store.resource(ref.env, ref.key);
  if (!r) {
    void ui.notify('warning', 'That resource is no longer part of the environment. Refresh the YouOps view.');
    return;
  }
  const left = ResourceDocumentProvider.uri(DESIRED_SCHEME, ref.env, ref.key, r.id.name);
  const right = ResourceDocumentProvider.uri(LIVE_SCHEME, ref.env, ref.key, r.id.name);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${formatResourceId(r.id)}: Git ↔ live (${ref.env})`, { preview: true });
}

async function pickResource(store: WorkspaceStore, ui: Ui, candidates: readonly ResourceRef[]): Promise<ResourceRef | undefined> {
  if (candidates.length) {
    const items = candidates.flatMap((c) => {
      const r = store.resource(c.env, c.key);
      return r ? [{ label: c.env, description: `${formatResourceId(r.id)} · ${STATUS_LABEL[r.status]}`, value: c }] : [];
    });
    return ui.pickValue(items, { placeHolder: 'Compare with the live state of which environment?' });
  }
  const state = store.state;
  const outOfSync = (state.kind === 'ready' ? state.environments : []).flatMap((e) =>
    (e.state?.drift.resources ?? []).filter((r) => r.status === 'Drifted' || r.status === 'Missing' || r.status === 'Extra').map((r) => ({ env: e.name, r })),
  );
  if (outOfSync.length === 0) {
    void ui.notify('info', 'Every resource matches its live state: nothing to compare. Open a manifest to compare one of its resources anyway.');
    return undefined;
  }
  return ui.pickValue(
    outOfSync.map(({ env, r }) => ({
      label: `${ICON[r.status] ?? ''} ${r.id.name}`,
      description: `${r.id.kind} · ${env}`,
      detail: describe(r),
      value: { env, key: r.key },
    })),
    { title: 'Show drift', placeHolder: 'Which resource? (or open a manifest and run Show Drift there)' },
  );
}

const ICON: Partial<Record<ResourceDrift['status'], string>> = { Drifted: '$(warning)', Missing: '$(circle-slash)', Extra: '$(diff-added)' };

function describe(r: ResourceDrift): string {
  if (r.status === 'Drifted') {
    const [first] = r.fields;
    const count = `${r.fields.length} field${r.fields.length === 1 ? '' : 's'} drifted`;
    return first ? `${count}: ${driftFieldLabel(r, first.path)} (${driftText(first).summary})${r.fields.length > 1 ? ', …' : ''}` : count;
  }
  return r.status === 'Missing' ? 'in Git, not live' : 'live only, not in Git';
}
