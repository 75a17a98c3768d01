import * as vscode from 'vscode';
import type { FieldInEnvironment, ResourceInEnvironment } from '../store/manifestIndex';
import type { ResourceRef } from '../store/resourceRef';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { CommandTarget } from './commandTarget';

/** Selected text a command takes along (a ticket's context), at most this long. */
const MAX_SELECTION = 4000;

/**
 * Where the person stands in the editor, as the code lens of that spot would say it: the
 * environment of the manifest, the resource under the cursor (and the drifted field on its
 * line), and the selection. Palette commands and key bindings start with no argument; this
 * gives them the same context a lens or hover gives, so nothing is asked twice.
 */
export function editorContext(store: WorkspaceStore, target: CommandTarget): CommandTarget {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return target;
  const selection = editor.selection.isEmpty ? undefined : editor.document.getText(editor.selection).slice(0, MAX_SELECTION);
  const withSelection: CommandTarget = selection ? { ...target, selection } : target;
  // A surface said what the command is about (a tree row, a lens, an operation's context): it wins.
  if (startedOnSomething(target) || editor.document.uri.scheme !== 'file') return withSelection;
  const file = editor.document.uri.fsPath;
  const line = editor.selection.active.line;
  // A resource declared under the cursor, else the resources whose drifted values this line sets (a patch, a kustomization entry).
  const fields = store.manifests.fieldsAt(file, line);
  const declared = store.manifests.at(file, line);
  const here = declared.length ? declared : uniqueResources(store, fields);
  if (here.length === 1) {
    const [{ env, resource }] = here;
    const field = fields.find((f) => f.env === env && f.field.resourceKey === resource.key)?.field;
    return { ...withSelection, fromEditor: true, env, key: resource.key, ...(field ? { path: field.pointer } : {}) };
  }
  const candidates: ResourceRef[] = here.map(({ env, resource }) => ({ env, key: resource.key }));
  const envs = here.length ? [...new Set(here.map((r) => r.env))] : store.environmentsOf(file);
  return { ...withSelection, fromEditor: true, ...(envs.length === 1 ? { env: envs[0] } : {}), ...(candidates.length ? { candidates } : {}) };
}

function uniqueResources(store: WorkspaceStore, fields: readonly FieldInEnvironment[]): ResourceInEnvironment[] {
  const seen = new Map<string, ResourceInEnvironment>();
  for (const { env, field } of fields) {
    const resource = store.resource(env, field.resourceKey);
    if (resource) seen.set(`${env}\0${resource.key}`, { env, resource });
  }
  return [...seen.values()];
}

function startedOnSomething(t: CommandTarget): boolean {
  return t.args.some((a) => a !== undefined) || t.env !== undefined || t.operation !== undefined;
}
