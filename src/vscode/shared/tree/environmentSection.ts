import type * as vscode from 'vscode';
import type { SectionNode, TreeNode } from './treeNodes';

/**
 * What a feature contributes under each environment of the Environments view (tickets, the
 * last ChatOps command): its rows, their children, items and parents, and when they change.
 * The tree asks each section in the order they were added; `owns` tells it whose row it holds.
 */
export interface EnvironmentSection<N extends SectionNode = SectionNode> {
  owns(node: TreeNode): node is N;
  /** The section's rows directly under `env`. */
  environmentNodes(env: string): N[];
  children(node: N): TreeNode[];
  parent(node: N): TreeNode | undefined;
  item(node: N): vscode.TreeItem;
  readonly onDidChange: vscode.Event<void>;
}
