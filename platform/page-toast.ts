// A short confirmation shown in the page itself, for what the shortcut or the page menu did there (a save): the
// toolbar button's badge alone goes unseen while the button sits unpinned in the extensions menu.
import { browser } from 'wxt/browser';
import { withTimeout } from './with-timeout.ts';

/** The open toast, kept in the extension's isolated world of the page: a second save replaces the first toast. */
export const TOAST_GLOBAL = '__clearReaderToast';
/** How long the toast stays. */
export const TOAST_MS = 5_000;

export interface ToastHandle {
  host: HTMLElement;
  box: HTMLElement;
}

/**
 * Runs in the page (serialized: self-contained). A plain `div` host after <body> with a closed shadow root, so the
 * page can neither style nor read it; styles set through the CSSOM (`!important`), which a page's CSP does not
 * block. A polite live region (role=status) that takes no focus and lets clicks through.
 */
export function toastInPage(name: string, text: string, ok: boolean, ms: number, lang: string): void {
  const scope = globalThis as Record<string, unknown>;
  const previous = scope[name] as (ToastHandle & { timer: ReturnType<typeof setTimeout> }) | undefined;
  if (previous) {
    clearTimeout(previous.timer);
    previous.host.remove();
  }
  const styled = (element: HTMLElement, styles: Record<string, string>) => {
    for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value, 'important');
  };
  const host = document.createElement('div');
  styled(host, {
    all: 'initial',
    display: 'block',
    position: 'fixed',
    'z-index': '2147483647',
    left: '50%',
    bottom: '24px',
    transform: 'translateX(-50%)',
    'pointer-events': 'none',
  });
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.lang = lang;
  styled(box, {
    display: 'block',
    'box-sizing': 'border-box',
    'max-width': 'min(32rem, calc(100vw - 32px))',
    padding: '10px 16px',
    'border-radius': '8px',
    font: '500 14px/1.4 system-ui, sans-serif',
    color: '#fff',
    background: ok ? '#1e6b34' : '#a61d1a',
    'box-shadow': '0 4px 16px rgba(0, 0, 0, 0.3)',
    'overflow-wrap': 'anywhere',
  });
  root.append(box);
  document.documentElement.append(host);
  // Screen readers announce a live region's changes, not what it held when it appeared: the text comes next.
  setTimeout(() => (box.textContent = text), 50);
  const timer = setTimeout(() => {
    host.remove();
    if ((scope[name] as ToastHandle | undefined)?.host === host) delete scope[name];
  }, ms);
  scope[name] = { host, box, timer };
}

/** Shows `text` in the tab; never throws, and never waits long on a page that does not answer. */
export async function showPageToast(tabId: number, text: string, ok: boolean, lang: string): Promise<void> {
  try {
    const shown = browser.scripting.executeScript({
      target: { tabId },
      injectImmediately: true,
      func: toastInPage,
      args: [TOAST_GLOBAL, text, ok, TOAST_MS, lang],
    });
    await withTimeout(shown, 2_000, 'the page did not answer');
  } catch {
    // The badge still says it; a page that cannot show the toast loses nothing else.
  }
}
