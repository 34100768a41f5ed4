export * from './diff';
export * from './change';
export * from './impact';
