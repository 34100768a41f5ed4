export * from './material';
export * from './product';
