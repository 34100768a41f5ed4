export * from './diff';
export * from './change';
export * from './impact';
export * from './propagate';
export * from './instruction-card';
