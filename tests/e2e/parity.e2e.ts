// The browser gives what Node gives: every fixture page of the repository, extracted in a real tab as a click
// does and in jsdom as the CLI and benchmarks do, must come out the same (title, byline, site, language, dates,
// lede, summary points, text, word count, which rules removed what). bench/parity.ts runs the same check on
// corpus pages (`npm run bench:parity`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIVERS, type Driver } from '../support/driver/index.ts';
import { compareExtractions, extractInBrowser, extractInNode, servePages } from '../support/parity.ts';
import { ROOT } from './paths.ts';

const FIXTURES = join(ROOT, 'tests/fixtures');
const names = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const pages = new Map(names.map((name) => [`/${name}/`, readFileSync(join(FIXTURES, name, 'source.html'))]));

/** An article with a block its inline style hides, and a UTF-8 page that declares no encoding. */
const PARAGRAPH =
  '<p>The council met on Tuesday and agreed to keep the library open on Sundays for another year. ' +
  'Readers had asked for it in a petition signed by more than two thousand people, and the budget allows it.</p>';
const HIDDEN_BLOCK = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sunday opening</title></head>
<body><article><h1>Sunday opening</h1>${PARAGRAPH.repeat(4)}<div style="display:none">Sponsored: win a cruise</div>
${PARAGRAPH}</article></body></html>`;
const UNDECLARED = `<!doctype html><html lang="fr"><head><title>Réouverture</title></head>
<body><article><h1>Réouverture</h1>${PARAGRAPH.replaceAll('The council', 'Le conseil municipal (réuni à l’hôtel de ville)').repeat(5)}</article></body></html>`;
const PLAIN_HEADERS = { 'content-type': 'text/html' };
const special = new Map<string, { body: string; headers: Record<string, string> }>([
  [
    '/hidden-block/',
    { body: HIDDEN_BLOCK, headers: { ...PLAIN_HEADERS, 'content-security-policy': "default-src 'none'" } },
  ],
  ['/undeclared-utf8/', { body: UNDECLARED, headers: PLAIN_HEADERS }],
]);

let server: Awaited<ReturnType<typeof servePages>>;
beforeAll(async () => {
  server = await servePages(pages, special);
});
afterAll(() => server?.close());

describe.each(DRIVERS)('$name: the same extraction as jsdom', (entry) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await entry.launch();
  });
  afterAll(() => driver?.close());

  test(`on each of the ${names.length} fixture pages, captions dropped and kept`, async () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    const found: string[] = [];
    for (const keepCaptions of [false, true]) {
      for (const [path, bytes] of pages) {
        const url = server.url(path);
        const browser = await extractInBrowser(driver, url, keepCaptions);
        const node = extractInNode(bytes, url, keepCaptions);
        expect(browser.ok, `${path}: ${JSON.stringify(browser).slice(0, 200)}`).toBe(true);
        for (const d of compareExtractions(browser, node)) {
          found.push(
            `${path} (captions ${keepCaptions ? 'kept' : 'dropped'}) ${d.field}:\n  browser ${d.browser}\n  jsdom   ${d.node}`,
          );
        }
      }
    }
    expect(found).toEqual([]);
  });

  // The two explained differences (docs/benchmarks.md, "Browser and jsdom"), each shown once.
  test("a page whose CSP forbids inline styles shows its style-hidden blocks: the browser's extraction keeps them", async () => {
    const url = server.url('/hidden-block/');
    const browser = await extractInBrowser(driver, url);
    const node = extractInNode(new TextEncoder().encode(HIDDEN_BLOCK), url);
    if (!browser.ok || !node.ok) throw new Error('no article');
    expect(node.article.text).not.toContain('win a cruise');
    // The browser applies no inline style under that policy: the page itself shows the block, and so does ours.
    expect(browser.article.text).toContain('Sponsored: win a cruise');
  });

  test('a UTF-8 page that declares no encoding: the browser reads it as windows-1252, the CLI as UTF-8', async () => {
    const url = server.url('/undeclared-utf8/');
    const browser = await extractInBrowser(driver, url);
    const node = extractInNode(new TextEncoder().encode(UNDECLARED), url);
    if (!browser.ok || !node.ok) throw new Error('no article');
    expect(node.article.title).toBe('Réouverture');
    expect(browser.article.title).toBe('RÃ©ouverture');
    expect(await driver.pageTab.evaluate(() => document.characterSet, null)).toBe('windows-1252');
  });
});
