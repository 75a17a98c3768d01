export * from './provider';
export * from './snapshotProvider';
export * from './commandProvider';
export * from './createProvider';
