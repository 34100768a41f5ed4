export * from './chain';
export * from './events';
export * from './signatures';
export * from './trail';
