/** Where an environment usually sits on the promotion path, from its name. */
const STAGES: RegExp[] = [/^(dev|develop|development|local|sandbox)/, /^(test|qa|int|integration|ci)/, /^(stag|stage|preprod|pre-prod|uat)/, /^(prod|production|live)/];

function stageOf(folder: string): number {
  const name = folder.split('/').pop()!.toLowerCase();
  const i = STAGES.findIndex((re) => re.test(name));
  return i < 0 ? 1.5 : i; // unknown names go between test and staging
}

/** A starting youops.yaml: one environment per folder found (in promotion order), or dev/staging/prod. */
export function configTemplate(envFolders: string[]): string {
  const folders = envFolders.length ? [...envFolders].sort((a, b) => stageOf(a) - stageOf(b) || a.localeCompare(b)) : ['envs/dev', 'envs/staging', 'envs/prod'];
  const envs = folders
    .map((folder, i) => {
      const name = folder.split('/').pop()!;
      const lines = [`  - name: ${name}`, `    manifests: ${folder}`];
      if (i > 0) lines.push(`    promotesFrom: ${folders[i - 1].split('/').pop()}`);
      if (/^prod/.test(name)) lines.push('    protected: true');
      lines.push('    live:', `      snapshot: .youops/live/${name}   # or kubectl: { context: … }, flux: { kustomization: … }, argocd: { server: …, app: … }`);
      return lines.join('\n');
    })
    .join('\n');
  return `# YouOps: your environments, where their desired and live state are,
# and which channel (GitOps, IssueOps, ChatOps) each operation goes through.
version: 1
environments:
${envs}

drift:
  ignore:
    - { path: metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration }
  refresh: 60s

operations:
  promote: gitops
  rollback: gitops
`;
}
