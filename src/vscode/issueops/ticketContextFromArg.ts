import * as vscode from 'vscode';
import { contextFromObject, type TicketContext } from '../../core/issueops/ticketContext';
import { pointerLabel } from '../../core/text/pointerLabel';
import { driftText } from '../../core/drift/driftText';
import type { WorkspaceStore } from '../store/workspaceStore';
import { shortValue } from '../util/shortValue';

/** What an "Open ticket" invocation carries: a resource ref (lens, hover), a tree node, or runOperation's wrapper. */
interface Invocation {
  env?: string;
  key?: string;
  path?: string;
  resource?: { key: string };
  template?: string;
  operation?: string;
  context?: unknown;
}

/** The template runOperation asked for, if any (`issueops:access-request.yml`). */
export function requestedTemplate(arg: unknown): string | undefined {
  const a = arg as Invocation | undefined;
  return typeof a?.template === 'string' ? a.template : undefined;
}

/**
 * Turns whatever the ticket was opened from into prefill context: environment,
 * resource, app, image/version, the drift found, the Git ref and the selection.
 */
export function ticketContextFromArg(store: WorkspaceStore, arg: unknown): TicketContext {
  const a = (arg ?? {}) as Invocation;
  const inner = (a.context ?? a) as Invocation;
  const context: TicketContext = { operation: a.operation };
  const env = typeof inner.env === 'string' ? inner.env : undefined;
  const key = typeof inner.key === 'string' ? inner.key : inner.resource?.key;
  if (env) {
    context.env = env;
    const state = store.environment(env)?.state;
    context.gitRef = state?.branch ?? state?.history[0]?.shortHash;
    const r = key ? state?.drift.resources.find((x) => x.key === key) : undefined;
    if (r) {
      context.resource = { kind: r.id.kind, name: r.id.name, namespace: r.id.namespace };
      Object.assign(context, contextFromObject(r.resource?.object ?? r.live));
      const fields = inner.path ? r.fields.filter((f) => f.path === inner.path) : r.fields;
      if (fields.length) context.drift = fields.map((f) => `${pointerLabel(f.path)}: ${driftText(f, shortValue).summary}`);
      else if (r.status !== 'InSync') context.drift = [`${r.status} in ${env}`];
    }
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) context.selection = editor.document.getText(editor.selection).slice(0, 4000);
  return context;
}
