import * as vscode from 'vscode';
import type { ResourceStatus } from '../../../core/drift/resourceStatus';

/** One icon and colour per status, shared by every surface so they read the same everywhere. */
export function statusIcon(status: ResourceStatus): vscode.ThemeIcon {
  switch (status) {
    case 'InSync':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'Drifted':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'Missing':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
    case 'Extra':
      return new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('list.warningForeground'));
    case 'Error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    default:
      return new vscode.ThemeIcon('question');
  }
}

export const STATUS_LABEL: Record<ResourceStatus, string> = {
  InSync: 'in sync',
  Drifted: 'drifted',
  Missing: 'missing',
  Extra: 'extra',
  Unknown: 'unknown',
  Error: 'error',
};

/** The order statuses are listed in: what needs attention first. */
export const STATUS_ORDER: readonly ResourceStatus[] = ['Error', 'Drifted', 'Missing', 'Extra', 'Unknown', 'InSync'];

/**
 * An environment's status in words. Its core status is Drifted whenever any resource drifted,
 * is missing or is extra; "drifted" for an environment where only something is missing would
 * contradict its counts, so every surface says "out of sync".
 */
export function environmentStatusLabel(status: ResourceStatus): string {
  return status === 'Drifted' ? 'out of sync' : STATUS_LABEL[status];
}

/** "3 drifted · 1 extra · 2 in sync": the one wording of the counts, in the tree, the log and the status bar. */
export function summarizeCounts(counts: Partial<Record<ResourceStatus, number>>, only: readonly ResourceStatus[] = STATUS_ORDER): string {
  return STATUS_ORDER.filter((s) => only.includes(s) && counts[s])
    .map((s) => `${counts[s]} ${STATUS_LABEL[s]}`)
    .join(' · ');
}
