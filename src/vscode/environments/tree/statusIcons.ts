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
