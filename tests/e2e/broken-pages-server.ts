// Huge, deep, hostile and broken pages for broken-pages.e2e.ts, served from 127.0.0.1 (random port). Each page
// but the ones meant to fail carries the same short article, so a test can tell the article from a failure.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ARTICLE_TITLE = 'Harbour bridge to close to cars as county plans rebuild';
/** The article's paragraphs: every page that should give an article must show each of them. */
export const ARTICLE_PARAGRAPHS = [
  'Engineers found corrosion in 14 of the 22 steel girders of the old harbour bridge during a survey in March, the county council said on Tuesday, and the 1931 bridge will close to cars next spring.',
  'Cars will be diverted over the ring road from April, adding about ten minutes to the trip at peak times, while buses keep crossing on a single lane with a weight limit until the new deck opens.',
  'The rebuild will cost £48m, of which £30m comes from the regional transport fund. Councillor Amira Haddad, who chairs the transport committee, said the county had no cheaper option left.',
  'Shop owners near the ferry terminal said they feared losing trade while the bridge is closed, and the chamber of commerce has asked for free parking and a shuttle bus on Saturdays.',
];
/** Page furniture the cleanup removes (a reading-time banner): its absence shows the cleanup ran. */
export const READING_TIME = '4 min read';
/** Text of the deepest paragraph of the deep pages. */
export const DEEP_TEXT =
  'This paragraph sits at the bottom of five thousand nested elements, where only a script or a parser can put it.';

const articleBody = (extra = '') =>
  `<header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<main><article><h1>${ARTICLE_TITLE}</h1><p class="reading-time">${READING_TIME}</p>
${ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
${extra}</article></main><footer><p>© The Coast Courier</p></footer>`;

const html = (body: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${ARTICLE_TITLE}</title>${head}</head>` +
  `<body>${body}</body></html>`;

/** About 20 MB: 5,000 paragraphs of about 4 KB after the article, under the element limit. */
function hugePage(): string {
  const filler = `${ARTICLE_PARAGRAPHS[1]} `.repeat(20);
  const paragraphs = Array.from({ length: 5_000 }, (_, i) => `<p>Update ${i}. ${filler}</p>`).join('\n');
  return html(articleBody(paragraphs));
}

/** 5,000 nested divs in the markup: Chromium's parser stops nesting at 512 and makes the rest siblings. */
const deepParsedPage = () => html(articleBody(`${'<div>'.repeat(5_000)}<p>${DEEP_TEXT}</p>${'</div>'.repeat(5_000)}`));

/**
 * 5,000 nested divs built by a script: no parser limit applies. Hidden: Chromium's renderer crashes by itself, with
 * or without any extension, laying out a visible chain about 3,000 deep (2,000 is fine); a hidden one it keeps.
 */
const deepScriptPage = () =>
  html(
    articleBody(`<div id="deep" style="display: none"></div><script>
  let node = document.getElementById('deep');
  for (let i = 0; i < 5000; i++) node = node.appendChild(document.createElement('div'));
  node.appendChild(document.createElement('p')).textContent = ${JSON.stringify(DEEP_TEXT)};
</script>`),
  );

const manyParagraphsPage = () =>
  html(articleBody(Array.from({ length: 100_000 }, (_, i) => `<p>Line ${i}.</p>`).join('')));

const FRAMESET = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Frames</title></head>
<frameset cols="30%,70%"><frame src="/frame-menu/"><frame src="/frame-article/">
<noframes><p>This page uses frames.</p></noframes></frameset></html>`;

/**
 * Replaces, in the page's own world, the document methods, DOM prototypes and built-ins a content script uses,
 * each with a function that counts its calls and throws; then freezes the prototypes. The extension's isolated
 * world (Chromium) or Xray wrappers (Firefox) should keep the content script from ever seeing them:
 * `window.__tamperedCalls` counts any call that got through.
 */
const TAMPER_SCRIPT = `<script>
(() => {
  // The originals this script itself needs, taken before anything is replaced; the traps call nothing.
  const define = Object.defineProperty;
  const freeze = Object.freeze;
  const calls = { n: 0, last: '' };
  window.__tamperedCalls = calls;
  const trap = (name) => function () { calls.n++; calls.last = name; throw new Error('tampered: ' + name); };
  const replace = (target, names, label) => {
    for (const name of names) {
      try { define(target, name, { value: trap(label + '.' + name), writable: false, configurable: false }); }
      catch (e) { /* some are not configurable: leave them */ }
    }
  };
  const accessors = (target, names, label) => {
    for (const name of names) {
      try { define(target, name, { get: trap(label + '.' + name), set: trap(label + '.' + name), configurable: false }); }
      catch (e) {}
    }
  };
  replace(document, ['querySelector', 'querySelectorAll', 'createElement', 'createTreeWalker', 'createNodeIterator',
    'getElementsByTagName', 'getElementById', 'cloneNode', 'importNode', 'createDocumentFragment'], 'document');
  replace(Document.prototype, ['createElement', 'createTreeWalker', 'getElementsByTagName', 'importNode'], 'Document.prototype');
  replace(Node.prototype, ['cloneNode', 'appendChild', 'removeChild', 'replaceChild', 'insertBefore', 'contains',
    'hasChildNodes', 'normalize'], 'Node.prototype');
  replace(Element.prototype, ['getAttribute', 'setAttribute', 'hasAttribute', 'removeAttribute', 'querySelector',
    'querySelectorAll', 'getElementsByTagName', 'getElementsByClassName', 'matches', 'closest', 'remove',
    'getBoundingClientRect', 'attachShadow'], 'Element.prototype');
  accessors(Node.prototype, ['textContent', 'firstChild', 'nextSibling', 'parentNode', 'childNodes', 'nodeType'], 'Node.prototype');
  accessors(Element.prototype, ['innerHTML', 'outerHTML', 'tagName', 'firstElementChild', 'nextElementSibling',
    'children', 'className', 'id'], 'Element.prototype');
  accessors(Document.prototype, ['body', 'documentElement', 'contentType', 'readyState', 'title'], 'Document.prototype');
  replace(JSON, ['stringify', 'parse'], 'JSON');
  replace(Array.prototype, ['map', 'forEach', 'filter', 'some', 'every', 'join', 'push', 'slice', 'indexOf',
    'includes', 'find', 'reduce', 'sort'], 'Array.prototype');
  replace(Array, ['from', 'isArray'], 'Array');
  replace(String.prototype, ['replace', 'trim', 'split', 'toLowerCase', 'toUpperCase', 'slice', 'match', 'normalize'], 'String.prototype');
  replace(RegExp.prototype, ['test', 'exec'], 'RegExp.prototype');
  replace(Map.prototype, ['get', 'set', 'has'], 'Map.prototype');
  replace(Set.prototype, ['add', 'has'], 'Set.prototype');
  replace(Object, ['keys', 'entries', 'assign', 'defineProperty', 'getOwnPropertyNames'], 'Object');
  replace(Math, ['max', 'min', 'round'], 'Math');
  replace(performance, ['now'], 'performance');
  replace(Date, ['now'], 'Date');
  replace(window, ['getComputedStyle', 'setTimeout', 'postMessage', 'addEventListener', 'structuredClone'], 'window');
  try { Intl.Segmenter = trap('Intl.Segmenter'); } catch (e) {}
  const frozen = [Node.prototype, Element.prototype, HTMLElement.prototype, Document.prototype, EventTarget.prototype,
    Array.prototype, Object.prototype, String.prototype, RegExp.prototype, Function.prototype, JSON, Math];
  for (let i = 0; i < frozen.length; i++) freeze(frozen[i]);
  Object.preventExtensions(document);
})();
</script>`;

/** A page whose scripts never stop changing the DOM around the article. */
const MUTATING_SCRIPT = `<script>
(() => {
  const box = document.createElement('div');
  box.id = 'live-ticker';
  document.body.appendChild(box);
  let n = 0;
  setInterval(() => {
    n++;
    box.textContent = 'Live: ' + n;
    for (let i = 0; i < 20; i++) box.appendChild(document.createElement('span')).textContent = ' tick ' + i;
    document.querySelector('article').setAttribute('data-tick', String(n));
    document.title = 'Harbour bridge (' + n + ')';
  }, 0);
  // Each change observed triggers another one elsewhere.
  new MutationObserver(() => { document.documentElement.dataset.mutations = String(n); })
    .observe(document.body, { childList: true, subtree: true, characterData: true });
  const frame = () => { box.dataset.frame = String(performance.now()); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();
</script>`;

const NO_BODY_SCRIPT = `<script>document.addEventListener('DOMContentLoaded', () => document.body.remove());</script>`;

const xhtml = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>${ARTICLE_TITLE}</title></head>${body}</html>`;

export const BROKEN = {
  huge: '/huge/',
  deepParsed: '/deep-parsed/',
  deepScript: '/deep-script/',
  manyParagraphs: '/many-paragraphs/',
  frameset: '/frameset/',
  tampered: '/tampered/',
  mutating: '/mutating/',
  noBody: '/no-body/',
  xhtml: '/xhtml/',
  xhtmlNoBody: '/xhtml-no-body/',
} as const;

export interface BrokenServer {
  url: (path: string) => string;
  close: () => Promise<void>;
}

export async function startBrokenServer(): Promise<BrokenServer> {
  const XHTML = 'application/xhtml+xml; charset=utf-8';
  const HTML = 'text/html; charset=utf-8';
  const routes = new Map<string, { type: string; body: string }>([
    [BROKEN.huge, { type: HTML, body: hugePage() }],
    [BROKEN.deepParsed, { type: HTML, body: deepParsedPage() }],
    [BROKEN.deepScript, { type: HTML, body: deepScriptPage() }],
    [BROKEN.manyParagraphs, { type: HTML, body: manyParagraphsPage() }],
    [BROKEN.frameset, { type: HTML, body: FRAMESET }],
    ['/frame-menu/', { type: HTML, body: html('<nav><a href="/">Home</a></nav>') }],
    ['/frame-article/', { type: HTML, body: html(articleBody()) }],
    [BROKEN.tampered, { type: HTML, body: html(articleBody(), TAMPER_SCRIPT) }],
    [BROKEN.mutating, { type: HTML, body: html(articleBody() + MUTATING_SCRIPT) }],
    [BROKEN.noBody, { type: HTML, body: html(articleBody(), NO_BODY_SCRIPT) }],
    [BROKEN.xhtml, { type: XHTML, body: xhtml(`<body>${articleBody()}</body>`) }],
    [BROKEN.xhtmlNoBody, { type: XHTML, body: xhtml('') }],
  ]);
  const server: Server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
