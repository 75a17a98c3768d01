import * as path from 'node:path';

/** The program that renders kustomizations: kubectl's built-in kustomize, or a kustomize binary. */
export interface KustomizeTool {
  program: string;
  /** `kubectl kustomize` or `kustomize build`. */
  label: string;
  args(dir: string): string[];
}

/** What to tell a user whose machine has no kustomize. */
export const KUSTOMIZE_INSTALL_HINT = 'install kubectl ≥ 1.27 (kustomize v5 is built in) or kustomize v5, or set youops.kustomize.path';

/**
 * `youops.kustomize.path` when set (a kustomize binary, or a kubectl), else kubectl
 * (`youops.kubectl.path`, else from PATH). A program named kustomize* is run as
 * `kustomize build DIR`, anything else as `kubectl kustomize DIR`. No flag that runs
 * plugins, exec functions or Helm is ever passed.
 */
export function kustomizeTool(kustomizePath?: string, kubectlPath?: string): KustomizeTool {
  const program = kustomizePath?.trim() || kubectlPath?.trim() || 'kubectl';
  const isKustomize = /^kustomize/i.test(path.basename(program));
  return isKustomize
    ? { program, label: 'kustomize build', args: (dir) => ['build', dir] }
    : { program, label: 'kubectl kustomize', args: (dir) => ['kustomize', dir] };
}
