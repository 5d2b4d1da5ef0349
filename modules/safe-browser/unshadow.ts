// See ./runtime.ts. Runs before the polyfill is evaluated (imported first).
const scope = globalThis as Record<string, unknown>;
for (const name of ['browser', 'chrome']) {
  if (name in scope && !Object.prototype.hasOwnProperty.call(scope, name)) {
    Object.defineProperty(scope, name, { value: undefined, configurable: true, writable: true });
  }
}
