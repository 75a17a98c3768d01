export * from './resourceId';
export * from './manifestResource';
export * from './jsonPointer';
export * from './parseManifestText';
export * from './loadManifests';
export * from './manifestFileSystem';
