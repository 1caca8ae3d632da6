/** Jest runs TypeScript through SWC (ts-jest does not work with the native TypeScript 7 compiler).
 *  Type checking is `tsc -b`, run separately by `npm test`. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  // d3's packages ship only ES modules: compiled like our sources (the map's layout in renderer/views/places).
  transform: { '^.+\\.(ts|tsx)$': swc, '/node_modules/(d3-[^/]+|delaunator|robust-predicates|internmap)/.+\\.m?js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(d3-[^/]+|delaunator|robust-predicates|internmap)/)'],
  testEnvironment: 'node',
  testTimeout: 30000,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
