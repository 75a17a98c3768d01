import type { ResourceDrift } from '../../core/drift/environmentDrift';
import type { HistoryEntry } from '../../core/chatops/commandHistory';
import type { CommitInfo } from '../../core/git/history';
import type { TicketTreeNode } from './ticketNodes';

/** The kinds of rows in the Environments view; each carries only identifiers and data to render. */
export type TreeNode =
  | { type: 'message'; id: string; label: string; detail?: string; icon: 'error' | 'warning' | 'info' | 'loading'; command?: { command: string; args: unknown[] } }
  | { type: 'environment'; env: string }
  | { type: 'kindGroup'; env: string; kind: string; resources: ResourceDrift[] }
  | { type: 'resource'; env: string; resource: ResourceDrift }
  | { type: 'field'; env: string; resource: ResourceDrift; index: number }
  | { type: 'history'; env: string; commits: CommitInfo[] }
  | { type: 'commit'; env: string; commit: CommitInfo }
  | { type: 'chatops'; env: string; entry: HistoryEntry }
  | TicketTreeNode;
