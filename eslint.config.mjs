import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layering (ARCHITECTURE.md "The parts"): shared imports nothing of ours; electron never imports renderer; renderer never imports electron. */
const forbid = (patterns, message, names = []) => ({
  'no-restricted-imports': [
    'error',
    { paths: names.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.tsbuild/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      ['**/renderer/**', '**/electron/**', 'node:*'],
      'shared/ is pure TypeScript: no renderer, electron, Node built-ins or React.',
      ['electron', 'fs', 'path', 'net', 'os', 'crypto', 'events', 'buffer', 'stream', 'react', 'react-dom'],
    ),
  },
  { files: ['electron/**/*.ts'], rules: forbid(['**/renderer/**'], 'electron/ must not import the renderer.') },
  { files: ['renderer/**/*.{ts,tsx}'], rules: forbid(['**/electron/**'], 'renderer/ talks to electron only through the preload API contract in shared/ipc.', ['electron']) },
);
