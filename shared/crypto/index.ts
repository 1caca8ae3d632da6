export * from './types';
export * from './sodium';
export * from './cards';
