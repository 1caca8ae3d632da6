// Lets `node -r ./test/bench/register.js test/bench/run.ts` run the TypeScript benchmark:
// @swc/register with no .swcrc emits ES modules, which Node then refuses; ask for CommonJS (as Jest does).
require('@swc/register')({
  extensions: ['.ts', '.tsx'],
  jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
  module: { type: 'commonjs' },
});
