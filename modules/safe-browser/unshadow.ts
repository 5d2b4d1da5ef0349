// See ./runtime.ts. Evaluated before the polyfill (imported first); its export is used, so that no bundler
// drops it as a module without effects.

/** The names hidden in this world: each a page element posing as the extension API. */
export const hidden: readonly string[] = ['browser', 'chrome'].filter((name) => {
  const scope = globalThis as Record<string, unknown>;
  if (!(name in scope) || Object.prototype.hasOwnProperty.call(scope, name)) return false;
  Object.defineProperty(scope, name, { value: undefined, configurable: true, writable: true });
  return true;
});
