/** Jest runs TypeScript through SWC (ts-jest does not work with the native TypeScript 7 compiler).
 *  Type checking is `tsc -b`, run separately by `npm test`. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  transform: { '^.+\\.(ts|tsx)$': swc },
  testEnvironment: 'node',
  testTimeout: 30000,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
