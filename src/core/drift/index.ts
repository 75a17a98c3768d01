export * from './quantity';
export * from './fieldSchema';
export * from './compare';
export * from './resourceStatus';
export * from './environmentDrift';
export * from './normalize';
export * from './ignoreRules';
export * from './driftText';
