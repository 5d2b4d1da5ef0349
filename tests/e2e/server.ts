// A static server on 127.0.0.1 (random port) for the end-to-end tests: the seed article, a page that is not an
// article, a plain-text document, a PDF, and the seed article under a strict CSP.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serveSlowly } from './slow-pages-server.ts';

const SEED = fileURLToPath(new URL('../fixtures/seed-fr-hammouchi/source.html', import.meta.url));
const ENGLISH = fileURLToPath(new URL('../fixtures/en-no-clutter/source.html', import.meta.url));
/** The fictional site of the site rules' tests (three articles sharing a promo box): "Hide a block". */
export const SITE_RULES_DIR = fileURLToPath(new URL('../fixtures-site-rules/', import.meta.url));

/** A shop's home page: short blurbs and links, nothing Readability's "is it an article" check accepts. */
export const NOT_ARTICLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Corner Shop</title></head>
<body>
  <header><h1>Corner Shop</h1><nav><a href="/">Home</a> <a href="/cart">Cart</a> <a href="/help">Help</a></nav></header>
  <main>
    <section><h2>Today</h2>
      <p>Fresh bread every morning from seven.</p>
      <p>Open on Sundays until noon.</p>
      <ul><li><a href="/p/1">Sourdough loaf</a></li><li><a href="/p/2">Rye bread</a></li><li><a href="/p/3">Croissants</a></li></ul>
    </section>
  </main>
  <footer><p>Corner Shop, 1 Market Street.</p></footer>
</body></html>`;

/** A one-page PDF that says "Hello" (viewers rebuild the cross-reference table, so offsets need not be exact). */
export const PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 44 >> stream
BT /F1 24 Tf 72 72 Td (Hello) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R /Size 6 >>
%%EOF
`;

/** Stands in for every photo of the seed page (served as SVG whatever the file name says). */
const PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="533" viewBox="0 0 800 533">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#8aa4c8"/><stop offset="1" stop-color="#3b5b86"/></linearGradient></defs>
<rect width="800" height="533" fill="url(#g)"/><circle cx="400" cy="230" r="90" fill="#dfe7f1" opacity=".8"/>
<rect x="250" y="340" width="300" height="193" rx="90" fill="#dfe7f1" opacity=".8"/></svg>`;
const PHOTOS = '/wp-content/uploads/';

export const PATHS = {
  article: '/politique/visite-officielle-hammouchi-france/',
  notArticle: '/shop/',
  plainText: '/notes.txt',
  pdf: '/paper.pdf',
  /** The seed article under a strict CSP (no inline style or script): the in-page view must still look right. */
  strictCsp: '/strict/visite-officielle-hammouchi-france/',
  /** An English news article (a golden fixture). */
  english: '/business/northgate-water-refunds/',
  /** The same article at an address of its own, whose page a test can change (`revise`): highlights. */
  revisable: '/business/northgate-water-refunds-live/',
  /** The whole article at once, then comments trickle in for about 8 s before the HTML ends (slow-pages.ts). */
  streamingTail: '/slow/comments-trickle/',
  /** The article itself arrives a paragraph at a time, and the HTML never ends. */
  streamingArticle: '/slow/article-trickle/',
  /** The server takes the request and never answers. */
  neverAnswers: '/slow/never/',
  /** The page's own script blocks its thread for a long time once the article is there. */
  busy: '/slow/busy/',
  /** The three articles of tests/fixtures-site-rules/, at their own addresses (meta.json). */
  siteArticles: [
    '/actualites/port-de-peche-renove/',
    '/actualites/festival-cerfs-volants/',
    '/actualites/erosion-falaise/',
  ],
  /** Its subscriber page, whose template puts the promo's class around the whole article (eaten.html). */
  siteEaten: '/abonnes/port-de-peche/',
} as const;

const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";

export interface TestServer {
  origin: string;
  url: (path: string) => string;
  /** Serves `html` at `path` from now on (a newer version of the page); `null` serves the original again. */
  revise: (path: string, html: string | null) => void;
  /** Resolves once the server has received a request for `path` (from now on, or already). */
  requested: (path: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const seed = readFileSync(SEED);
  const routes = new Map<string, { type: string; body: string | Buffer; csp?: string }>([
    [PATHS.article, { type: 'text/html; charset=utf-8', body: seed }],
    [PATHS.notArticle, { type: 'text/html; charset=utf-8', body: NOT_ARTICLE_HTML }],
    [PATHS.plainText, { type: 'text/plain; charset=utf-8', body: 'Just some notes.\n'.repeat(50) }],
    [PATHS.pdf, { type: 'application/pdf', body: PDF }],
    [PATHS.strictCsp, { type: 'text/html; charset=utf-8', body: seed, csp: STRICT_CSP }],
    [PATHS.english, { type: 'text/html; charset=utf-8', body: readFileSync(ENGLISH) }],
    [PATHS.revisable, { type: 'text/html; charset=utf-8', body: readFileSync(ENGLISH) }],
    ...PATHS.siteArticles.map(
      (path, i) =>
        [
          path,
          { type: 'text/html; charset=utf-8', body: readFileSync(`${SITE_RULES_DIR}article-${i + 1}.html`) },
        ] as const,
    ),
    [PATHS.siteEaten, { type: 'text/html; charset=utf-8', body: readFileSync(`${SITE_RULES_DIR}eaten.html`) }],
  ]);
  const originals = new Map(routes);
  const seen = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    seen.add(path);
    for (const resolve of waiting.get(path) ?? []) resolve();
    waiting.delete(path);
    if (serveSlowly(path, res)) return;
    const route = path.startsWith(PHOTOS) ? { type: 'image/svg+xml', body: PHOTO_SVG } : routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': route.type, 'cache-control': 'no-store' };
    if (route.csp) headers['content-security-policy'] = route.csp;
    res.writeHead(200, headers).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => origin + path,
    revise: (path, html) => {
      const original = originals.get(path);
      if (!original) throw new Error(`no page at ${path}`);
      routes.set(path, html === null ? original : { ...original, body: html });
    },
    requested: (path) =>
      seen.has(path)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.set(path, [...(waiting.get(path) ?? []), resolve])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
