export * from './receipt';
export * from './shortages';
