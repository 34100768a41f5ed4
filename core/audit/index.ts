export * from './chain';
export * from './events';
