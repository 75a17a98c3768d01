import * as vscode from 'vscode';
import { driftText } from '../../../core/drift/driftText';
import { driftFieldLabel } from '../../../core/environments/fieldPathLabel';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';

const ACTIONS = ['youops.showDrift', 'youops.openTicket', 'youops.sendChatOpsCommand'];

/** On a drifted line: desired vs live per environment, and the actions that resolve it. */
export class DriftHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: WorkspaceStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hits = this.store.manifests.fieldsAt(document.uri.fsPath, position.line);
    if (hits.length === 0) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ACTIONS };
    for (const { env, resource, fieldIndex } of hits) {
      const f = resource.fields[fieldIndex];
      const ref: ResourceRef = { env, key: resource.key, path: f.path };
      md.appendMarkdown(`**$(warning) Drift in ${env}** — \`${driftFieldLabel(resource, f.path)}\`\n\n`);
      const text = driftText(f, (v) => JSON.stringify(v) ?? String(v));
      md.appendCodeblock(`desired (Git): ${text.desired}\nlive (${env}):  ${text.live}`, 'yaml');
      md.appendMarkdown(
        [
          link('$(diff) Show diff', 'youops.showDrift', ref),
          link('$(issues) Open ticket', 'youops.openTicket', ref),
          link('$(comment-discussion) Send ChatOps command', 'youops.sendChatOpsCommand', ref),
        ].join(' · ') + '\n\n',
      );
    }
    const loc = hits[0].resource.fields[hits[0].fieldIndex].location!;
    return new vscode.Hover(md, toVsRange(loc.keyRange.start.line === position.line ? loc.keyRange : loc.valueRange));
  }
}

function link(title: string, command: string, ref: ResourceRef): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([ref]))})`;
}
