export * from './provider';
export * from './snapshotProvider';
export * from './commandProvider';
export * from './gitRefProvider';
export * from './kubectlProvider';
export * from './argocdProvider';
export * from './createProvider';
export * from './fluxProvider';
