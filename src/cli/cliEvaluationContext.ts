import type { EvaluationContext } from '../core/environments/evaluateEnvironment';
import { argocdTokenFor } from './cliTokens';

export { ARGOCD_TOKEN_ENV } from './cliTokens';

/** `--untrusted` on envs, drift, where and render: the repository's command, kubectl and flux sources do not run, no token is sent. */
export const UNTRUSTED_OPTION = { untrusted: 'flag' } as const;

export const UNTRUSTED_HELP = `--untrusted   treat the repository as untrusted (e.g. a pull request from a fork): its
              command, kubectl and flux live sources do not run, nothing is rendered, and no token is sent`;

/** The CLI's counterpart of the `youops.kustomize.path` setting. */
export const KUSTOMIZE_PATH_ENV = 'YOUOPS_KUSTOMIZE_PATH';

/**
 * How CLI commands evaluate environments: trusted (the user ran it) unless --untrusted, the
 * Argo CD token from the environment, sent only where cliTokens allows, kustomize from the environment.
 */
export function cliEvaluationContext(rootDir: string, options: Record<string, string | true> = {}, env: NodeJS.ProcessEnv = process.env): EvaluationContext {
  return {
    rootDir,
    trusted: options.untrusted !== true,
    secret: async (kind, host) => (kind === 'argocd' ? argocdTokenFor(host, env) : undefined),
    kustomizePath: env[KUSTOMIZE_PATH_ENV] || undefined,
  };
}
