import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { render } from 'preact';
import { VIEW_CONTROLLER_GLOBAL, VIEW_DATA_GLOBAL, type ViewController, type ViewData } from '../../contracts/page.ts';
import { InPageReader } from './InPageReader.tsx';
import readerCss from '../../components/reader.css?inline';
import frameCss from '../../components/reader-frame.css?inline';
import viewCss from './view.css?inline';
import listenCss from '../../components/listen/listen.css?inline';
import highlightsCss from '../../components/highlights/highlights.css?inline';
import pickCss from '../../components/pick/pick.css?inline';
import { PICKING } from '../../components/pick/picker.ts';

// Injected on demand by platform/reader-view.ts, after the extraction (entrypoints/extract.ts): shows the
// result over the page in a closed Shadow DOM, so neither the page's styles nor ours leak across, and the page
// can neither read the article nor reach the controls. A new injection (show it anyway, captions setting)
// replaces the open view. The page is hostile ground:
// - the host is a plain <div>: a custom element name would run the page's own constructor and connectedCallback
//   for it (and attachInternals() hands over even a closed root; disabledFeatures = ['shadow'] forbids it);
// - the view only acts on the reader's own input (trusted events), never on events a page script dispatches;
// - no WXT content script context: it announces itself with an event on `document` that a page can hear and
//   forge (that event closed the view);
// - the document's methods are called through the prototypes: `<img name="addEventListener">` shadows them.
export default defineUnlistedScript({
  main() {
    const scope = globalThis as Record<string, unknown>;
    const data = scope[VIEW_DATA_GLOBAL] as ViewData | undefined;
    delete scope[VIEW_DATA_GLOBAL];
    if (!data) return;
    // An own property only: a page element with that id is a global of this world too.
    if (Object.prototype.hasOwnProperty.call(scope, VIEW_CONTROLLER_GLOBAL)) {
      (scope[VIEW_CONTROLLER_GLOBAL] as ViewController).close();
    }
    scope[VIEW_CONTROLLER_GLOBAL] = mountView(data);
  },
});

/** `name` of `proto` (a method, or a getter's value) applied to `self`, whatever `self` shadows it with. */
function call<T>(proto: object, name: string, self: object, ...args: unknown[]): T {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
  return (descriptor.get ?? (descriptor.value as (...a: unknown[]) => T)).apply(self, args) as T;
}
const listen = (target: EventTarget, type: string, fn: (event: Event) => void, capture = true) =>
  call(EventTarget.prototype, 'addEventListener', target, type, fn, capture);
const unlisten = (target: EventTarget, type: string, fn: (event: Event) => void, capture = true) =>
  call(EventTarget.prototype, 'removeEventListener', target, type, fn, capture);

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
    const style = call<HTMLStyleElement>(Document.prototype, 'createElement', document, 'style');
    style.textContent = css;
    call(Node.prototype, 'appendChild', target, style);
    return () => style.remove();
  }
}

const OPEN_ATTRIBUTE = 'data-clear-reader-open';
// Printing while the view is open prints the article, not the page under it.
const PRINT_CSS = `@media print {
  html[${OPEN_ATTRIBUTE}] > body { display: none !important; }
  html[${OPEN_ATTRIBUTE}] { overflow: visible !important; }
}`;

/** Every kind of event a control of the view acts on: only the reader's own (trusted) ones get through. */
const ACTING_EVENTS = [
  'click', 'auxclick', 'dblclick', 'contextmenu', 'mousedown', 'mouseup', 'pointerdown', 'pointerup',
  'input', 'change', 'beforeinput', 'submit', 'reset', 'keydown', 'keyup', 'keypress', 'wheel', 'copy',
]; // prettier-ignore

function mountView(data: ViewData): ViewController {
  const html = call<HTMLElement>(Document.prototype, 'documentElement', document);
  const active = call<Element | null>(Document.prototype, 'activeElement', document);
  // What closing restores: the page's scroll position, its overflow style and the focused element.
  const saved = {
    x: window.scrollX,
    y: window.scrollY,
    overflow: html.style.overflow,
    focus: active instanceof HTMLElement ? active : null,
  };

  const host = call<HTMLDivElement>(Document.prototype, 'createElement', document, 'div');
  const shadow = call<ShadowRoot>(Element.prototype, 'attachShadow', host, { mode: 'closed' });
  const container = call<HTMLDivElement>(Document.prototype, 'createElement', document, 'div');
  call(Node.prototype, 'appendChild', shadow, container);
  adoptCss(shadow, `${readerCss}\n${frameCss}\n${viewCss}\n${listenCss}\n${highlightsCss}\n${pickCss}`);
  const refuseUntrusted = (event: Event) => {
    if (event.isTrusted) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  for (const type of ACTING_EVENTS) listen(shadow, type, refuseUntrusted);
  // The page's keyboard shortcuts stay out of the reader's way.
  const keepKeys = (event: Event) => event.stopPropagation();
  for (const type of ['keydown', 'keyup', 'keypress']) listen(shadow, type, keepKeys, false);

  let open = true;
  const onKeyDown = (event: Event) => {
    if (!event.isTrusted || (event as KeyboardEvent).key !== 'Escape' || !open) return;
    // An open highlight panel closes first (its own Escape).
    if (shadow.activeElement?.closest('.hl-editor')) return;
    if (shadow.querySelector(`[${PICKING}]`)) return; // Esc leaves "Hide a block" first (components/pick)
    event.preventDefault();
    event.stopPropagation();
    controller.close();
  };
  // Focus stays in the view while it is open (it is a modal dialog); Tab from its last control comes back.
  const onFocusIn = (event: Event) => {
    if (open && event.target !== host) focusView();
  };
  const focusView = () => shadow.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });
  const unadoptPrintCss = adoptCss(document, PRINT_CSS);

  const controller: ViewController = {
    root: shadow,
    isOpen: () => open,
    close() {
      if (!open) return;
      open = false;
      render(null, container);
      host.remove();
      unlisten(document, 'keydown', onKeyDown);
      unlisten(document, 'focusin', onFocusIn);
      html.removeAttribute(OPEN_ATTRIBUTE);
      html.style.overflow = saved.overflow;
      unadoptPrintCss();
      window.scrollTo(saved.x, saved.y);
      if (saved.focus?.isConnected) saved.focus.focus({ preventScroll: true });
    },
  };

  render(<InPageReader initial={data} onClose={() => controller.close()} />, container);
  call(Node.prototype, 'appendChild', html, host); // after <body>, so printing can hide the whole body
  html.setAttribute(OPEN_ATTRIBUTE, '');
  html.style.overflow = 'hidden'; // the page under the view does not scroll
  listen(document, 'keydown', onKeyDown);
  listen(document, 'focusin', onFocusIn);
  focusView();
  return controller;
}
