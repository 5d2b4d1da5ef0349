import { defineContentScript } from 'wxt/utils/define-content-script';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { VIEW_CONTROLLER_GLOBAL, VIEW_DATA_GLOBAL, type ViewController, type ViewData } from '../../contracts/page.ts';
import { InPageReader } from './InPageReader.tsx';
import readerCss from '../../components/reader.css?inline';
import viewCss from './view.css?inline';

// Injected on demand by platform/reader-view.ts, after the extraction (entrypoints/extract.ts): shows the result
// over the page in a Shadow DOM, so neither the page's styles nor ours leak across. A new injection (show it
// anyway, captions setting) replaces the open view: WXT invalidates the older script's context, which removes it.
export default defineContentScript({
  registration: 'runtime',
  // Styles go into the shadow root as a constructed stylesheet (below), not a <style> or a fetched file.
  cssInjectionMode: 'manual',
  // WXT's context would otherwise window.postMessage a "script started" notice the page can read.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const scope = globalThis as Record<string, unknown>;
    const data = scope[VIEW_DATA_GLOBAL] as ViewData | undefined;
    delete scope[VIEW_DATA_GLOBAL];
    if (!data) return;
    scope[VIEW_CONTROLLER_GLOBAL] = await mountView(ctx, data);
  },
});

/**
 * Applies CSS to a document or shadow root as a constructed stylesheet, which a page's CSP does not block (it
 * does block <style> elements, even in a shadow root); a <style> element where that is not possible.
 * Returns what undoes it.
 */
function adoptCss(target: Document | ShadowRoot, css: string): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return () => {
      target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    (target instanceof Document ? (target.head ?? target.documentElement) : target).append(style);
    return () => style.remove();
  }
}

const OPEN_ATTRIBUTE = 'data-clear-reader-open';
// Printing while the view is open prints the article, not the page under it.
const PRINT_CSS = `@media print {
  html[${OPEN_ATTRIBUTE}] > body { display: none !important; }
  html[${OPEN_ATTRIBUTE}] { overflow: visible !important; }
}`;

async function mountView(ctx: ContentScriptContext, data: ViewData): Promise<ViewController> {
  const html = document.documentElement;
  // What closing restores: the page's scroll position, its overflow style and the focused element.
  const saved = {
    x: window.scrollX,
    y: window.scrollY,
    overflow: html.style.overflow,
    focus: document.activeElement instanceof HTMLElement ? document.activeElement : null,
  };
  let unadoptPrintCss: (() => void) | null = null;

  let open = true;
  const ui = await createShadowRootUi(ctx, {
    name: 'clear-reader-view',
    position: 'inline',
    anchor: 'html', // after <body>, so printing can hide the whole body
    append: 'last',
    isolateEvents: true, // the page's keyboard shortcuts stay out of the reader's way
    onMount(container, shadow) {
      adoptCss(shadow, `${readerCss}\n${viewCss}`);
      render(<InPageReader initial={data} onClose={() => controller.close()} />, container);
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
      restore();
    },
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    controller.close();
  };
  // Focus stays in the view while it is open (it is a modal dialog); Tab from its last control comes back.
  const onFocusIn = (event: FocusEvent) => {
    if (open && event.target !== ui.shadowHost) focusView();
  };
  const focusView = () => ui.shadow.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });

  function restore() {
    if (!open) return;
    open = false;
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('focusin', onFocusIn, true);
    html.removeAttribute(OPEN_ATTRIBUTE);
    html.style.overflow = saved.overflow;
    unadoptPrintCss?.();
    window.scrollTo(saved.x, saved.y);
    if (saved.focus?.isConnected) saved.focus.focus({ preventScroll: true });
  }

  const controller: ViewController = {
    isOpen: () => open,
    close: () => ui.remove(),
  };

  ui.mount();
  html.setAttribute(OPEN_ATTRIBUTE, '');
  html.style.overflow = 'hidden'; // the page under the view does not scroll
  unadoptPrintCss = adoptCss(document, PRINT_CSS);
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('focusin', onFocusIn, true);
  focusView();
  return controller;
}
