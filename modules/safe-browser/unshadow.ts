// See ./runtime.ts. Evaluated before the polyfill (imported first); its export is used, so that no bundler
// drops it as a module without effects.
const scope = globalThis as Record<string, unknown>;
const own = (name: string) => Object.prototype.hasOwnProperty.call(scope, name);

/** The names hidden in this world: each a page element posing as the extension API. */
export const hidden: readonly string[] = ['browser', 'chrome'].filter((name) => {
  if (!(name in scope) || own(name)) return false;
  Object.defineProperty(scope, name, { value: undefined, configurable: true, writable: true });
  return true;
});

// Chromium installs no API global under a name the page already uses: with `chrome` taken, its own `browser`
// (the same API) stands in. With both taken there is no API in this world at all.
if (hidden.includes('chrome') && own('browser') && scope.browser) {
  Object.defineProperty(scope, 'chrome', { value: scope.browser, configurable: true, writable: true });
}
