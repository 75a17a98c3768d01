export * from './quantity';
export * from './listMapKeys';
export * from './compare';
export * from './resourceStatus';
export * from './environmentDrift';
export * from './normalize';
export * from './ignoreRules';
