/**
 * The vocabulary of a promotion plan: the changes it offers and the edits each makes,
 * shared by planning (promotionPlan, newResource) and applying (applyPromotion).
 */
import type { TextEdit } from './textEdits';
import type { ImageField } from './kustomizeImages';

/** What a change must leave in the file; applyPromotion re-reads the result to check it. */
export type ChangeCheck =
  | { kind: 'field'; resourceKey: string; docIndex: number; pointer: string; value: unknown }
  | { kind: 'kustomizeImage'; name: string; field: ImageField; value: string }
  /** The file holds this resource (by key), exactly this object. */
  | { kind: 'resource'; resourceKey: string; value: unknown }
  | { kind: 'kustomizationResource'; entry: string }
  /** Rendered environments: the value at `pointer` of a kustomization entry or a JSON 6902 file. */
  | { kind: 'yamlValue'; pointer: string; value: unknown }
  /** Rendered environments: the value at `pointer` of document `docIndex` of the inline patch at `patchPointer`. */
  | { kind: 'inlinePatchValue'; patchPointer: string; docIndex: number; pointer: string; value: unknown }
  /** Rendered environments: `key=value` in an env file a generator reads. */
  | { kind: 'envValue'; key: string; value: string };

/** An edit of one file, with what it must leave there. */
export interface FileEdit {
  file: string;
  edit: TextEdit;
  check?: ChangeCheck;
}

export interface PromotionChange {
  /** Stable across plans of the same state: selections refer to it. */
  id: string;
  /** `Deployment web: spec.template.spec.containers[name=web].image` or `images ghcr.io/acme/web: newTag`. */
  label: string;
  /** Value in the source environment: what the target gets (undefined: removed). */
  from: unknown;
  /** Current value in the target environment (undefined: not set, or the whole resource is new and `from` is its object). */
  to: unknown;
  /** Absolute path of the target file the change edits. */
  file: string;
  /** 0-based line of the value (or of its nearest ancestor) in `file`. */
  line: number;
  /** Image tags and versions: preselected, the usual content of a promotion. */
  suggested: boolean;
  /** Set when the value cannot be promoted by editing the target file; says why. */
  blocked?: string;
  /**
   * Set when the value is set in a file other environments also read (a shared base): `blocked`
   * says so and `edit` is the edit there, applied only when the person agrees (applyPromotion's
   * `editShared`). Each other reader, and whether the edit changes what it renders (false: it
   * sets its own value over this line).
   */
  shared?: { file: string; readers: Array<{ environment: string; changes: boolean }> };
  edit?: TextEdit;
  check?: ChangeCheck;
  /** Edits of other files the change needs: a new file's entry in the kustomization. */
  also?: FileEdit[];
  /** Set when the change adds a resource only the source has; newFile: `file` does not exist yet. */
  adds?: { newFile: boolean };
}

export interface PromotionPlan {
  from: string;
  to: string;
  /** The folder the plan's files are in (a worktree's copy for real runs): messages name files relative to it. */
  rootDir: string;
  changes: PromotionChange[];
  /** Target file texts the edits were computed against ('' for new files). */
  texts: Map<string, string>;
  /** Target files that new resources would create. */
  newFiles: Set<string>;
}
