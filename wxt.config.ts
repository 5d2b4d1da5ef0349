import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { PRODUCT_ICON } from './modules/firefox-theme-icons.ts';
import { stripReadabilityDebugPlugin } from './scripts/strip-readability-debug.ts';
import { stripRuleDocsPlugin } from './scripts/strip-rule-docs.ts';

// Firefox needs a stable id for storage.sync and for store submission.
const GECKO_ID = 'clear-reader@example.org';

// E2E=1 builds a test-only variant into .output/e2e-<browser>-mv<N>: the same code plus a host permission for
// http://127.0.0.1/* (any port), so the end-to-end tests can run the real popup -> scripting.executeScript ->
// content script path on pages served from 127.0.0.1. The toolbar click that grants `activeTab` cannot be
// simulated in headless browsers (nor in Firefox over WebDriver BiDi). The shipped builds (.output/chrome-mv3,
// .output/firefox-mv2) never get this: tests/e2e/build.e2e.ts checks that.
const E2E = process.env.E2E === '1';

// The extension pages (popup, offline reader, options) render untrusted article HTML, sanitized: should anything
// slip through, the browser still refuses inline and eval'd script, plugins, <base> and form posts. Stated here
// rather than left to the browsers' defaults, which allow 'wasm-unsafe-eval' and do not say object-src 'none'.
// tests/e2e/hostile.e2e.ts checks the built manifests and what the browsers enforce.
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export default defineConfig({
  // Local modules in modules/ load on their own: firefox-theme-icons adds Firefox's light/dark toolbar icons, and
  // safe-browser makes `wxt/browser` the polyfill, safe from the page's named elements.
  modules: ['@wxt-dev/auto-icons'],
  // Every icon is rendered from one SVG at build time, as icons/<size>.png: the stores want 128 (Chrome) and 64
  // or 128 (Firefox), the browsers' extension pages 32 to 96, the toolbars 16 and 32.
  autoIcons: { baseIconPath: PRODUCT_ICON, sizes: [128, 96, 64, 48, 32, 16] },
  // Every dependency is an import line (no auto-imports): the lint zones in eslint.config.js see them all.
  imports: false,
  vite: () => ({ plugins: [preact(), stripRuleDocsPlugin(), stripReadabilityDebugPlugin()] }),
  hooks: {
    // The scripts injected into pages (extraction, in-page view, pick mode) live under a 45 KB gzip budget:
    // terser (three passes, ES2020 output) makes them about 0.5 KB smaller than Vite's default minifier; the
    // extension pages' bundles come out larger with it, so they keep the default. `wrap_iife` keeps the
    // `var x = (function…` that WXT turns into an anonymous IIFE, whose completion value is what
    // scripting.executeScript returns.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script')) return;
      config.build = {
        ...config.build,
        minify: 'terser',
        terserOptions: { ecma: 2020, compress: { passes: 3 }, format: { wrap_iife: true } },
      };
    },
  },
  ...(E2E ? { outDirTemplate: 'e2e-{{browser}}-mv{{manifestVersion}}' } : {}),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab + scripting: we only ever touch the tab the reader asked about (a click, a shortcut or the page
    // menu grants it). contextMenus: the page menu entry. storage: settings and the reading list. alarms: the
    // regular WebDAV sync. The optional host patterns let the options page ask, at run time, for the one origin
    // of the reader's own WebDAV server; nothing is granted at install.
    permissions: ['activeTab', 'scripting', 'storage', 'contextMenus', 'alarms'],
    content_security_policy: manifestVersion === 2 ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    [manifestVersion === 2 ? 'optional_permissions' : 'optional_host_permissions']: ['https://*/*', 'http://*/*'],
    ...(E2E ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    // MV2 needs it under browser_action: WXT 0.21 does not move `action` there once the popup has created
    // browser_action, and the tooltip would silently disappear from the Firefox build.
    [manifestVersion === 2 ? 'browser_action' : 'action']: {
      default_title: '__MSG_actionTitle__',
      default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' },
    },
    // Default keys that browsers actually assign (Chromium silently leaves Alt+Shift+R unassigned):
    // tests/e2e/scenarios/in-page-view.ts checks them with commands.getAll(), in both browsers.
    commands: {
      'toggle-reader-view': {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: '__MSG_commandToggleReaderView__',
      },
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+U' },
      },
      'save-for-later': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandSaveForLater__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // The extension collects nothing; Firefox asks new add-ons to say so.
            gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['tests/e2e/.artifacts/**', 'bench/results/**', '**/*.log', 'coverage/**'],
  },
});
