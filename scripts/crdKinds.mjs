/** CRD schema file name part → kind, for the Argo CD and Flux CRDs the schema builds read (the catalog's file names are lower-case). */
export const CRD_KINDS = {
  application: 'Application',
  applicationset: 'ApplicationSet',
  appproject: 'AppProject',
  helmrelease: 'HelmRelease',
  kustomization: 'Kustomization',
  gitrepository: 'GitRepository',
  helmrepository: 'HelmRepository',
  ocirepository: 'OCIRepository',
};
