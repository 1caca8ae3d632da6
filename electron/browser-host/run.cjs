// Runs the TypeScript browser host without a build step (as Jest does: SWC, CommonJS).
require('@swc/register')({
  extensions: ['.ts'],
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});
require('./cli.ts');
