export * from './types';
export * from './sodium';
