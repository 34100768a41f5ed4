export * from './stock';
export * from './availability';
