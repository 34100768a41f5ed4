export * from './diff';
export * from './change';
