import * as vscode from 'vscode';
import { driftText } from '../../../core/drift/driftText';
import { valueAt } from '../../../core/text/jsonPointer';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';
import { sourceLocation } from './sourceLocation';

const ACTIONS = ['youops.showDrift', 'youops.openTicket', 'youops.sendChatOpsCommand', 'youops.revealResource'];

/**
 * On a drifted line: desired vs live per environment (on an unsaved edit, the value typed beside Git's), where the desired value is set when an
 * overlay overrides this line (a link to it), what it overrides when it is set here, and the
 * actions that resolve it.
 */
export class DriftHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: WorkspaceStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hits = this.store.manifests.fieldsAt(document.uri.fsPath, position.line);
    if (hits.length === 0) return undefined;
    const draft = this.store.manifests.isDraft(document.uri.fsPath);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ACTIONS };
    for (const { env, field } of hits) {
      const ref: ResourceRef = { env, key: field.resourceKey, path: field.pointer };
      const resource = `${field.id.kind} ${field.id.name}`;
      md.appendMarkdown(`**$(warning) Drift in ${env}** — ${code(resource)} ${code(field.label)}\n\n`);
      const show = (v: unknown) => JSON.stringify(v) ?? String(v);
      const text = driftText(field.drift, show);
      if (draft) {
        // The value being typed is not Git's yet: say so, and show what Git (the saved file) has; a Secret's value never.
        const saved = this.store.resource(env, field.resourceKey)?.resource;
        const inGit = saved ? valueAt(saved.object, field.pointer) : undefined;
        const git = inGit === undefined ? '(not set)' : field.drift.masked ? '(secret)' : show(inGit);
        md.appendCodeblock(`unsaved:      ${text.desired}\nGit (saved):  ${git}\nlive (${env}):  ${text.live}`, 'yaml');
      } else {
        md.appendCodeblock(`desired (Git): ${text.desired}\nlive (${env}):  ${text.live}`, 'yaml');
      }
      const { source } = field;
      if (!field.setHere) {
        md.appendMarkdown(
          `Set by ${link(sourceLocation(source), 'youops.revealResource', ref)}${source.entry ? ` (${code(source.entry)})` : ''}: ${env} overrides this line.\n\n`,
        );
      } else if (source.overrides) {
        const o = source.overrides;
        md.appendMarkdown(`Overrides ${o.value !== undefined ? `${code(JSON.stringify(o.value))} at ` : ''}${sourceLocation(o)}.\n\n`);
      }
      md.appendMarkdown(
        [
          link('$(diff) Show diff', 'youops.showDrift', ref),
          link('$(issues) Open ticket', 'youops.openTicket', ref),
          link('$(comment-discussion) Send ChatOps command', 'youops.sendChatOpsCommand', ref),
        ].join(' · ') + '\n\n',
      );
    }
    const first = hits[0].field;
    const range = first.range.start.line === position.line || !first.valueRange ? first.range : first.valueRange;
    return new vscode.Hover(md, toVsRange(range));
  }
}

function link(title: string, command: string, ref: ResourceRef): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([ref]))})`;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
