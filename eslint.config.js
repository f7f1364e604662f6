// Lint, including the layer rules of the architecture: imports point one way
// (content <- core <- {electron, cli}; renderer -> core/app/contract types and the
// isomorphic core modules only). A break is an error, and `npm run lint` allows no warnings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const uiPackages = [
  'electron',
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'monaco-editor',
  'monaco-editor/*',
];
const nodeOnly = ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'better-sqlite3'];

/** Core modules the renderer may import (they use web-standard APIs alone). */
const isomorphicCore = [
  'core/app/contract',
  'core/app/calls',
  'core/envelope',
  'core/srs',
  'core/labs/model',
  'core/shared/isomorphic',
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'build/', 'release/', 'test-results/', 'coverage/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use an injected random source.',
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages, message: 'core/ runs in plain Node and in tests: no UI or Electron packages.' },
            {
              group: ['**/renderer/**', '**/electron/**', '**/cli/**'],
              message: 'core/ never imports a host or the renderer.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use an injected random source.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected clock.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock.' },
      ],
    },
  },
  {
    files: [
      'core/app/contract.ts',
      'core/app/calls/**/*.ts',
      'core/envelope/**/*.ts',
      'core/srs/**/*.ts',
      'core/labs/model/**/*.ts',
      'core/shared/isomorphic/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...uiPackages, ...nodeOnly], message: 'Isomorphic core modules use web-standard APIs only.' },
            {
              group: [
                '**/renderer/**',
                '**/electron/**',
                '**/cli/**',
                '**/store/**',
                '**/kms/**',
                '**/iam/**',
                '**/decks/**',
                '**/services/**',
              ],
              allowTypeImports: true,
              message: 'Isomorphic core modules import only other isomorphic modules (types excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeOnly, 'electron'],
              message: 'The renderer is sandboxed: reach the host through the bridge.',
            },
            { group: ['**/electron/**', '**/cli/**'], message: 'The renderer never imports a host.' },
            {
              regex: `^(\\.\\./)+core/(?!(${isomorphicCore.map((p) => p.replace('core/', '')).join('|')})(/|$))`,
              message:
                'The renderer imports core only from the isomorphic modules (contract, envelope, srs, labs/model).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'cli/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/**'],
              message: 'cli/ hosts core; it does not import the renderer or Electron code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/cli/**'],
              message: 'electron/ hosts core; it does not import the renderer or the CLI.',
            },
          ],
        },
      ],
    },
  },
);
