// The in-page view lives in a closed shadow root: neither the page nor any automation's selectors reach into it.
// The tests read it the way the extension itself does, from the extension's isolated world of the page
// (`Driver.inPageWorld`, through scripting.executeScript), where the view's controller holds its root. Selectors:
//   `clear-reader-view`            the view's host element, while the view is open;
//   `clear-reader-view >>> inner`  `inner` inside the view.
// A click is a real one (the input system's, trusted), at the middle of the element.
import { poll } from './expression.ts';
import type { Tab } from './types.ts';

export const VIEW = 'clear-reader-view';
/** Where the view keeps its controller in the extension's world (contracts/page.ts VIEW_CONTROLLER_GLOBAL). */
const CONTROLLER = '__clearReaderViewController';

/** The part of `selector` inside the view ('' for the host), or null when it is not a view selector. */
export function viewPart(selector: string): string | null {
  if (selector === VIEW) return '';
  return selector.startsWith(`${VIEW} >>> `) ? selector.slice(VIEW.length + 5) : null;
}

type Op = 'count' | 'texts' | 'attribute' | 'visible' | 'style' | 'point';

/** Runs in the extension's world of the page: serialized, no closures. */
function inspectView({ controller, op, inner, arg }: { controller: string; op: Op; inner: string; arg: string }) {
  type Controller = { root: ShadowRoot; isOpen(): boolean } | undefined;
  // An own property only: the page's <a id="__clearReaderViewController"> is a global of that world too.
  const own = Object.prototype.hasOwnProperty.call(globalThis, controller);
  const view = own ? ((globalThis as Record<string, unknown>)[controller] as Controller) : undefined;
  const root = view?.isOpen() ? view.root : null;
  const all = !root ? [] : inner ? Array.from(root.querySelectorAll<HTMLElement>(inner)) : [root.host as HTMLElement];
  const el = all[0];
  if (op === 'count') return all.length;
  if (op === 'texts') return all.map((e) => e.innerText);
  if (!el) return null;
  if (op === 'attribute') return el.getAttribute(arg);
  if (op === 'style') return getComputedStyle(el).getPropertyValue(arg);
  if (op === 'visible') {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  }
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const box = el.getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

const ask = <R>(tab: Tab, op: Op, inner: string, arg = '') =>
  tab.driver.inPageWorld(tab, inspectView, { controller: CONTROLLER, op, inner, arg }) as Promise<R>;

/** What the drivers' Tab methods do for a view selector. */
export const inViewOps = {
  count: (tab: Tab, inner: string) => ask<number>(tab, 'count', inner),
  async text(tab: Tab, inner: string) {
    return (await ask<string[]>(tab, 'texts', inner))[0] ?? '';
  },
  texts: (tab: Tab, inner: string) => ask<string[]>(tab, 'texts', inner),
  attribute: (tab: Tab, inner: string, name: string) => ask<string | null>(tab, 'attribute', inner, name),
  async isVisible(tab: Tab, inner: string) {
    return (await ask<boolean | null>(tab, 'visible', inner)) === true;
  },
  async style(tab: Tab, inner: string, property: string) {
    return (await ask<string | null>(tab, 'style', inner, property)) ?? '';
  },
  async waitFor(tab: Tab, inner: string, attached: boolean, timeout: number) {
    const what = `${VIEW} >>> ${inner} ${attached ? 'never came' : 'never went'}`;
    await poll(async () => (await ask<number>(tab, 'count', inner)) > 0 === attached, what, timeout);
  },
  async click(tab: Tab, inner: string, timeout: number, clickAt: (x: number, y: number) => Promise<void>) {
    const at = await poll(() => ask<{ x: number; y: number } | null>(tab, 'point', inner), `no ${inner}`, timeout);
    await clickAt(at.x, at.y);
  },
};
