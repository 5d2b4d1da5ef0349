import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readerAttributes } from '../components/readerStyle.ts';
import { POPUP_EARLY_ATTRIBUTE, POPUP_MARKS } from '../contracts/page.ts';
import { DEFAULT_SETTINGS } from '../core/reader/index.ts';
import { earlyActiveTab, earlyMessage } from '../platform/early-tab.ts';
import { lastSettingsStored } from '../platform/settings-mirror.ts';

// The popup's first script, a classic one at the top of popup.html's head (ahead of the bundle's stylesheet, which
// a script after it would wait for, and of its modules): it asks for the tab at once, draws the loading screen
// (in the reader's theme, the toolbar's place kept) as soon as #app is parsed, and the tab's title while the
// popup's bundle is still being fetched and compiled, so the title shows tens of milliseconds sooner. It draws exactly the markup
// the popup's first render makes (ReaderShell, ArticleView's loading state), which Preact then takes over as it
// stands; once Preact has rendered (POPUP_EARLY_ATTRIBUTE is gone) this script leaves the page alone.
export default defineUnlistedScript(() => {
  const tab = earlyActiveTab();
  // From the head, #app is not parsed yet: drawn as soon as it is (a microtask, before any other script runs).
  const found = document.getElementById('app');
  if (found) return draw(found);
  const watch = new MutationObserver(() => {
    const app = document.getElementById('app');
    if (!app) return;
    watch.disconnect();
    draw(app);
  });
  watch.observe(document, { childList: true, subtree: true });

  function draw(app: HTMLElement) {
    if (app.firstChild) return;
    const make = (tag: string, attributes: Record<string, string> = {}, text?: string) => {
      const element = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      if (text !== undefined) element.textContent = text;
      return element;
    };
    // The copy this extension wrote, unchecked (the checking code would weigh on every open): the popup's first
    // render sets the checked settings a moment later.
    const { style, ...attributes } = readerAttributes({ ...DEFAULT_SETTINGS, ...lastSettingsStored() });
    const reader = make('div', { class: 'reader', ...attributes, [POPUP_EARLY_ATTRIBUTE]: '' });
    for (const [property, value] of Object.entries(style)) reader.style.setProperty(property, value);
    const view = make('main', { class: 'view', 'data-state': 'loading', 'aria-busy': 'true' });
    const status = make('p', { class: 'status', role: 'status' }, earlyMessage('popupLoading'));
    view.append(status);
    reader.append(
      make('div', { class: 'reader-toolbar', role: 'toolbar', 'aria-label': earlyMessage('toolbarLabel') }),
    );
    reader.append(view);
    app.append(reader);

    void tab.then((answer) => {
      const title = answer?.title;
      if (!title || !reader.isConnected || !reader.hasAttribute(POPUP_EARLY_ATTRIBUTE)) return;
      const article = make('article', { dir: 'auto' });
      const header = make('header');
      header.append(make('h1', { class: 'title' }, title));
      article.append(header);
      view.insertBefore(article, status);
      performance.mark(POPUP_MARKS.title);
    });
  }
});
