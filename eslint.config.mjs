import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Layering (ARCHITECTURE.md "The parts"): shared imports nothing of ours; electron never imports renderer; renderer never imports electron. */
const forbid = (patterns, message, names = []) => ({
  'no-restricted-imports': [
    'error',
    { paths: names.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] },
  ],
});

const PLATFORM_MODULES = [
  'electron',
  'fs',
  'path',
  'net',
  'os',
  'crypto',
  'events',
  'buffer',
  'stream',
  'react',
  'react-dom',
];

/**
 * The dependency graph of shared/ (ARCHITECTURE.md "The parts"): each folder and the folders it may import.
 * crypto → log → space, store → vault → sync; model and csv apart (sample, the sample chapter, on model); ipc alone.
 * util (the shared machinery: queue, emitter, scheduled service) imports no folder and every folder may import it.
 */
const SHARED_LAYERS = {
  util: [],
  crypto: [],
  log: ['crypto'],
  space: ['crypto', 'log'],
  store: ['crypto', 'log'],
  vault: ['crypto', 'log', 'space', 'store'],
  sync: ['crypto', 'log', 'space', 'store', 'vault'],
  model: ['crypto'],
  csv: ['crypto', 'model'],
  sample: ['crypto', 'model'],
  ipc: [],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      '.tsbuild/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
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
      PLATFORM_MODULES,
    ),
  },
  // One config per folder of shared/ (a later config's rule replaces an earlier one's, so each repeats the
  // shared-wide ban): a folder may import only the folders below it in ARCHITECTURE.md's graph.
  ...Object.entries(SHARED_LAYERS).map(([folder, allowed]) => ({
    files: [`shared/${folder}/**/*.ts`],
    rules: forbid(
      [
        '**/renderer/**',
        '**/electron/**',
        'node:*',
        ...Object.keys(SHARED_LAYERS)
          .filter((other) => other !== folder && other !== 'util' && !allowed.includes(other))
          .flatMap((other) => [
            `../${other}`,
            `../${other}/**`,
            `../../${other}`,
            `../../${other}/**`,
            `**/shared/${other}`,
            `**/shared/${other}/**`,
          ]),
      ],
      `shared/${folder} may import only ${allowed.length ? allowed.map((a) => `shared/${a}`).join(', ') : 'nothing else of shared/'} (plus shared/util, shared/errors.ts and shared/timers.ts): ARCHITECTURE.md "The parts".`,
      PLATFORM_MODULES,
    ),
  })),
  { files: ['electron/**/*.ts'], rules: forbid(['**/renderer/**'], 'electron/ must not import the renderer.') },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: forbid(
      ['**/electron/**'],
      'renderer/ talks to electron only through the preload API contract in shared/ipc.',
      ['electron'],
    ),
  },
  {
    // The rules of hooks, and every hook's dependencies named (ARCHITECTURE.md "Views read what they show"):
    // useRecords takes its dependencies as useMemo does, so the same check applies to it.
    files: ['renderer/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useRecords$' }],
    },
  },
  {
    // SECURITY.md "What the browser keeps on its own": form controls come from renderer/components/fields.tsx.
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/components/fields.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXOpeningElement[name.name=/^(form|input|textarea|select)$/]',
          message:
            'Use Form, Input, TextArea or Select from renderer/components/fields.tsx: they keep the browser from storing what is typed.',
        },
      ],
    },
  },
);
