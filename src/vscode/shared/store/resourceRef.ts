/** Identifies a resource row across surfaces (tree, lenses, hovers, commands): what their commands carry. */
export interface ResourceRef {
  env: string;
  key: string;
  /** A drifted field of it (JSON pointer). */
  path?: string;
}
