// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The one table of import zones (docs/architecture.md explains it). Imports flow one way:
// entrypoints -> components / platform -> contracts -> core (reading-list -> reader -> util).
// `may`: the layers a layer may import. A core domain is entered through its index.ts only, from outside itself;
// `lazy` lists the few core modules the UI (and platform/, on the UI's behalf) also loads on demand, as their own
// chunks (a dynamic import of the index would pull the whole domain into the popup). Tests may import any module (they are white-box), but no
// benchmark script except bench/lib.
const CORE_DOMAINS = ['core/util', 'core/reader', 'core/reading-list'];
const LAYERS = {
  'core/util': { may: [] },
  'core/reader': { may: ['core/util'] },
  'core/reading-list': { may: ['core/util', 'core/reader'] },
  contracts: { may: CORE_DOMAINS },
  platform: { may: [...CORE_DOMAINS, 'contracts'], lazy: true },
  components: { may: [...CORE_DOMAINS, 'contracts'], lazy: true },
  entrypoints: { may: [...CORE_DOMAINS, 'contracts', 'platform', 'components'], lazy: true },
  cli: { may: CORE_DOMAINS },
  bench: { may: [...CORE_DOMAINS, 'cli'] },
  tests: { may: 'all' },
};
const LAZY_ENTRIES = {
  'core/reader': ['./sanitize.ts', './summary/summarize.ts', './markdown.ts', './finish-article.ts'],
};
const PUBLIC_ENTRY = './index.ts';

// Packages by what they need: the browser (and WXT's wrappers of it), the UI framework, Node.
const BROWSER_PACKAGES = ['wxt', 'wxt/**', '#imports', 'webextension-polyfill', '@wxt-dev/*', '@webext-core/*'];
const UI_PACKAGES = ['preact', 'preact/**'];
const NODE_PACKAGES = ['node:*', 'jsdom', 'fs', 'path'];
// What each layer must not import from packages, and which globals it must not use (WXT's auto-imports are off,
// so `browser` would be a global only through a page's named element or a stray type).
const PACKAGE_BANS = {
  core: {
    files: ['core/**', 'contracts/**'],
    groups: [BROWSER_PACKAGES, UI_PACKAGES, NODE_PACKAGES],
    message: 'core/ and contracts/ run in Node and in the page: no browser API, WXT, Preact or Node-only code.',
  },
  components: {
    files: ['components/**'],
    groups: [BROWSER_PACKAGES],
    message: 'components/ are presentational: data and callbacks come in as props; browser calls live in platform/.',
  },
  entrypoints: {
    files: ['entrypoints/**'],
    groups: [['wxt/browser', '#imports', 'webextension-polyfill', '@wxt-dev/storage', '@webext-core/*']],
    message: 'entrypoints/ wire components to platform/: browser APIs are called through platform/ only.',
  },
  node: {
    files: ['cli/**', 'bench/**'],
    groups: [BROWSER_PACKAGES, UI_PACKAGES],
    message: 'The CLI and benchmarks run the engine in Node.',
  },
};
const BROWSER_GLOBALS = ['browser', 'chrome'].map((name) => ({
  name,
  message: 'Call the browser through platform/ (imported from wxt/browser there), never through a global.',
}));

const LAYER_NAMES = Object.keys(LAYERS);
/** import-x/no-restricted-paths zones, all derived from LAYERS. */
function zones() {
  const result = [];
  for (const [target, { may, lazy }] of Object.entries(LAYERS)) {
    if (may === 'all') {
      result.push({
        target: `./${target}`,
        from: './bench',
        except: ['./lib'],
        message: 'Tests import shared bench/lib helpers, never a benchmark script.',
      });
      continue;
    }
    for (const from of LAYER_NAMES) {
      if (from === target || from === 'tests') continue;
      if (!may.includes(from)) {
        result.push({ target: `./${target}`, from: `./${from}`, message: `${target}/ may not import ${from}/.` });
      } else if (CORE_DOMAINS.includes(from)) {
        const except = [PUBLIC_ENTRY, ...(lazy ? (LAZY_ENTRIES[from] ?? []) : [])];
        result.push({
          target: `./${target}`,
          from: `./${from}`,
          except,
          message: `Import ${from}/ through ${except.join(' or ')} (its public surface).`,
        });
      }
    }
    result.push({ target: `./${target}`, from: './tests', message: 'Only tests import tests/.' });
  }
  return result;
}

export default tseslint.config(
  {
    ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'bench/results/', 'tests/e2e/.artifacts/'],
  },
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
    plugins: { 'import-x': importX },
    settings: {
      // Dependencies are parsed as TypeScript too, or a cycle through .ts files would go unseen.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: zones() }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
    },
  },
  ...Object.values(PACKAGE_BANS).map(({ files, groups, message }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
    },
  })),
  {
    files: ['core/**', 'contracts/**', 'components/**', 'entrypoints/**'],
    rules: { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
