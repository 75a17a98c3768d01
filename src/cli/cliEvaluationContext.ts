import type { EvaluationContext } from '../core/environments/evaluateEnvironment';

/** The argocd CLI's variable for the same token, so one export serves both tools. */
export const ARGOCD_TOKEN_ENV = 'ARGOCD_AUTH_TOKEN';

/** The CLI's counterpart of the `youops.kustomize.path` setting. */
export const KUSTOMIZE_PATH_ENV = 'YOUOPS_KUSTOMIZE_PATH';

/** How CLI commands evaluate environments: trusted (the user ran it), Argo CD token and kustomize from the environment. */
export function cliEvaluationContext(rootDir: string, env: NodeJS.ProcessEnv = process.env): EvaluationContext {
  const argocdToken = env[ARGOCD_TOKEN_ENV] || undefined;
  return { rootDir, trusted: true, secret: async (kind) => (kind === 'argocd' ? argocdToken : undefined), kustomizePath: env[KUSTOMIZE_PATH_ENV] || undefined };
}
