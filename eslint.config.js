// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Imports flow one way: entrypoints -> components/platform -> core. core/ runs in Node
// and in the page, so it may import no browser API, WXT, Preact, or Node-only code.
const noUpward = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'bench/results/', 'tests/e2e/.artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['core/**'],
    rules: noUpward(
      [
        [
          '**/platform',
          '**/platform/**',
          '**/components/**',
          '**/entrypoints/**',
          '**/cli/**',
          '**/bench/**',
          '@/**',
          '~/**',
        ],
        ['wxt', 'wxt/**', '#imports', 'webextension-polyfill', '@wxt-dev/*', 'preact', 'preact/**', '@webext-core/*'],
        ['node:*', 'jsdom', 'fs', 'path'],
      ],
      'core/ is the framework-free engine: it imports only other core/ modules and DOM-only libraries.',
    ),
  },
  {
    files: ['platform/**'],
    rules: noUpward(
      [['**/components/**', '**/entrypoints/**', '**/cli/**', '**/bench/**', 'preact', 'preact/**']],
      'platform/ wraps browser APIs for entrypoints; it may import core/ only.',
    ),
  },
  {
    files: ['components/**'],
    rules: noUpward(
      [['**/entrypoints/**', '**/cli/**', '**/bench/**', 'wxt/browser', '#imports', 'webextension-polyfill']],
      'components/ are presentational: data comes in as props; browser calls live in platform/.',
    ),
  },
  {
    files: ['cli/**', 'bench/**'],
    rules: noUpward(
      [['**/platform/**', '**/components/**', '**/entrypoints/**', 'wxt', 'wxt/**', 'preact', 'preact/**']],
      'The CLI and benchmarks run the engine in Node: core/ only.',
    ),
  },
);
