// Helpers both drivers share: functions turned into expressions, waiting on a condition from Node, and the
// command hook run in the extension.
import type { ExtensionContext } from './types.ts';

/**
 * `fn(context, arg)` as an expression to evaluate in the browser, `context` being what `contextExpression` gives
 * there (it may use `await`). A string, not a function: DevTools and BiDi evaluate strings outside the page's CSP.
 */
export function expressionFor<A, R>(
  fn: (context: never, arg: A) => R | Promise<R>,
  arg: A,
  contextExpression: string,
): string {
  // __name: esbuild's keepNames helper, should the function's source use it.
  return `(async () => {
    const __name = (f) => f;
    return (${fn.toString()})(${contextExpression}, ${JSON.stringify(arg)});
  })()`;
}

/** How often a condition is asked again. */
const POLL_MS = 50;

/**
 * Asks `probe` until it gives something truthy, and returns it. A probe that throws (a tab between two documents)
 * is asked again; after `timeoutMs` the wait fails with `what` and the last error.
 */
export async function poll<R>(probe: () => Promise<R>, what: string, timeoutMs: number): Promise<NonNullable<R>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s`, { cause: lastError ?? undefined });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `promise`, or a failure saying `what` did not happen within `timeoutMs` (a bound, not a wait). */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/**
 * Run in the extension's background context (`Driver.inExtension`): the background's command handler, on the tab
 * showing `url`. The tab is found in code, not by tabs.query({url}): Firefox's match patterns reject ports.
 */
export async function runCommand(
  { api, background }: ExtensionContext,
  { name, url }: { name: string; url: string },
): Promise<void> {
  const tab = (await api.tabs.query({})).find((t) => t.url === url);
  if (!tab) throw new Error(`no tab shows ${url}`);
  await background.clearReader.handleCommand(name, tab);
}

/**
 * An expression, evaluated where `api` is the extension API, that runs `fn(arg)` in the extension's isolated world
 * of the tab showing `url` (see Driver.inPageWorld); `fn` may be the text of an expression instead. `fn` is
 * rebuilt there from its source (executeScript
 * serializes it again for the page), with esbuild's keepNames helper beside it.
 */
export function pageWorldExpression<A, R>(
  api: string,
  url: string,
  fn: ((arg: A) => R | Promise<R>) | string,
  arg: A,
): string {
  // A string is an expression: its value is the result.
  const source = typeof fn === 'string' ? `() => (${fn})` : fn.toString();
  return `(async () => {
    const api = ${api};
    const url = ${JSON.stringify(url)};
    const tab = (await api.tabs.query({})).find((t) => t.url === url);
    if (!tab) throw new Error('no tab shows ' + url);
    const func = (arg) => { const __name = (f) => f; return (${source})(arg); };
    const [injection] = await api.scripting.executeScript({ target: { tabId: tab.id }, func, args: [${JSON.stringify(arg)}] });
    return injection ? injection.result : undefined;
  })()`;
}
