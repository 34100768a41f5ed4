export * from './limits';
export * from './rules';
export * from './baseline';
