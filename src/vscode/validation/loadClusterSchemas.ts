import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listKubectlContexts } from '../../core/live/kubectlContexts';
import { loadClusterSchemas } from '../../core/validation/clusterSchemas';
import { Failure } from '../shared/commands/failure';
import type { Failures } from '../shared/commands/failures';
import type { Ui } from '../shared/ui/uiSeam';
import type { SchemaService } from './schemaService';

export const UNTRUSTED_CLUSTER_SCHEMAS =
  'YouOps: Load Schemas from Cluster runs kubectl, and this workspace is not trusted. Trust the workspace to read schemas from a cluster; the shipped schemas keep working meanwhile.';

export type LoadClusterSchemasOutcome =
  | { kind: 'loaded'; context: string; kinds: number; crdKinds: number; dir: string }
  | { kind: 'untrusted' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/**
 * youops.loadClusterSchemas: the chosen context's OpenAPI (CRDs included) becomes strict schemas
 * in globalStorage, and those kinds validate against them from then on (kindSchemas of the store).
 */
export async function loadSchemasFromCluster(
  context: vscode.ExtensionContext,
  schemas: SchemaService,
  ui: Ui,
  failures: Failures,
): Promise<LoadClusterSchemasOutcome> {
  if (!vscode.workspace.isTrusted) {
    void failures.show(new Failure('untrusted', UNTRUSTED_CLUSTER_SCHEMAS));
    return { kind: 'untrusted' };
  }
  const config = vscode.workspace.getConfiguration('youops');
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const kubectl = { kubectlPath: config.get<string>('kubectl.path') || undefined, kubeconfig: config.get<string>('kubectl.kubeconfig') || undefined, cwd };
  const abort = new AbortController();
  try {
    const choices = await listKubectlContexts(kubectl);
    if (choices.contexts.length === 0) throw new Error('kubectl lists no contexts: set youops.kubectl.kubeconfig or KUBECONFIG to a kubeconfig with one');
    // The current context first, so Enter reads the cluster kubectl would use anyway.
    const { contexts, current } = choices;
    const ordered = current ? [current, ...contexts.filter((c) => c !== current)] : contexts;
    const chosen = (
      await ui.pick(
        ordered.map((c) => ({ label: c, description: c === current ? 'current context' : undefined })),
        { title: 'YouOps: Load Schemas from Cluster', placeHolder: 'kubectl context to read the OpenAPI schemas from' },
      )
    )?.label;
    if (!chosen) return { kind: 'cancelled' };
    const loaded = await ui.progress({ title: `YouOps: loading schemas from context ${chosen}`, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      const cacheDir = path.join(context.globalStorageUri.fsPath, 'cluster-schemas');
      return loadClusterSchemas({ ...kubectl, context: chosen, cacheDir, signal: abort.signal, progress: (message) => progress.report({ message }) });
    });
    schemas.setKindSchemas(loaded.kindSchemas);
    const summary = `YouOps: ${loaded.kinds.length} kinds from context ${chosen}, ${loaded.crdKinds.length} of them CRDs. Manifests of these kinds now validate against the cluster's schemas.`;
    void ui.notify('info', summary);
    return { kind: 'loaded', context: chosen, kinds: loaded.kinds.length, crdKinds: loaded.crdKinds.length, dir: loaded.dir };
  } catch (e) {
    if (abort.signal.aborted) return { kind: 'cancelled' };
    const message = (e as Error).message;
    void ui.notify('error', `YouOps: could not load schemas from the cluster. ${message}`);
    return { kind: 'failed', message };
  }
}
