/** A starting youops.yaml: one environment per folder found, or dev/staging/prod. */
export function configTemplate(envFolders: string[]): string {
  const folders = envFolders.length ? envFolders : ['envs/dev', 'envs/staging', 'envs/prod'];
  const envs = folders
    .map((folder, i) => {
      const name = folder.split('/').pop()!;
      const lines = [`  - name: ${name}`, `    manifests: ${folder}`];
      if (i > 0) lines.push(`    promotesFrom: ${folders[i - 1].split('/').pop()}`);
      if (/^prod/.test(name)) lines.push('    protected: true');
      lines.push('    live:', `      snapshot: .youops/live/${name}   # or kubectl: { context: … }, argocd: { server: …, app: … }`);
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
