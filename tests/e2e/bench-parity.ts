// npm run bench:parity -- [--readability DIR] [--dev DIR] [--broad DIR] [--limit N] [--browser chromium|firefox]
//                          [--no-build] [--show N]
// The browser gives what Node gives, on corpus pages: each page served from 127.0.0.1 as its bytes are (no
// charset, none of its scripts run), extracted in a real tab as a click does and in jsdom as the CLI and the
// benchmarks do, compared field by field (tests/support/parity.ts; tests/e2e/parity.e2e.ts runs it on the
// repository's fixtures in `npm test`). A difference is filed under its cause: the two read the bytes in another
// encoding (the CLI repairs stale labels, a browser trusts them), or the engine itself. Needs the e2e builds
// (built here unless --no-build) and the browsers of `.ci/run`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeHtml } from '../../cli/decode.ts';
import { readInput } from '../../cli/load.ts';
import { DEFAULT_READABILITY_DIR } from '../../bench/lib/readability-pages.ts';
import { CHROMIUM_DRIVER, FIREFOX_DRIVER, type DriverEntry } from '../support/driver/index.ts';
import { buildE2e } from './global-setup.ts';
import { compareExtractions, extractInBrowser, extractInNode, servePages, type Difference } from '../support/parity.ts';

// A benchmark that drives browsers, so it lives with the drivers (benchmarks in bench/ run the engine in Node).
const SHARED = resolve(import.meta.dirname, '../../../shared/corpus');
const DEFAULT_DEV_DIR = join(SHARED, 'article-extraction-dev');
const DEFAULT_BROAD_DIR = join(SHARED, 'trafilatura-dev');

/** Says clearly which corpus is missing and how to point at another folder. */
function corpusPresent(path: string, what: string, flag: string): boolean {
  if (existsSync(path)) return true;
  console.error(`Missing ${what}: ${path}\n  (it lives in ../shared/corpus; pass another folder with ${flag} DIR)`);
  return false;
}

const { values } = parseArgs({
  options: {
    readability: { type: 'string', default: DEFAULT_READABILITY_DIR },
    dev: { type: 'string', default: DEFAULT_DEV_DIR },
    broad: { type: 'string', default: DEFAULT_BROAD_DIR },
    limit: { type: 'string', default: '60' },
    browser: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    show: { type: 'string', default: '10' },
  },
});
const limit = Math.max(1, Number(values.limit) || 60);

interface Page {
  /** Where the page is served: /<corpus>/<name>/. */
  path: string;
  bytes: Uint8Array;
}

/** Up to `limit` pages of each corpus that is there (a missing one is said, and skipped). */
async function loadPages(): Promise<Page[]> {
  const pages: Page[] = [];
  if (corpusPresent(values.readability, "Readability's test pages", '--readability')) {
    const names = readdirSync(values.readability).filter((n) => existsSync(join(values.readability, n, 'source.html')));
    for (const name of names.sort().slice(0, limit)) {
      pages.push({ path: `/readability/${name}/`, bytes: readFileSync(join(values.readability, name, 'source.html')) });
    }
  }
  if (corpusPresent(values.dev, 'the article-extraction dev corpus', '--dev')) {
    const ids = Object.keys(JSON.parse(readFileSync(join(values.dev, 'ground-truth.json'), 'utf8')) as object);
    for (const id of ids.sort().slice(0, limit)) {
      pages.push({ path: `/dev/${id}/`, bytes: await readInput(join(values.dev, 'html', `${id}.html.gz`)) });
    }
  }
  if (corpusPresent(values.broad, 'the broad corpus (trafilatura-dev)', '--broad')) {
    const entries = JSON.parse(readFileSync(join(values.broad, 'evaldata.json'), 'utf8')) as {
      file: string;
      path: string;
    }[];
    for (const e of entries.slice(0, limit)) {
      pages.push({
        path: `/broad/${e.file.replace(/[^\w.-]+/g, '_')}/`,
        bytes: await readInput(join(values.broad, e.path)),
      });
    }
  }
  return pages;
}

interface Outcome {
  path: string;
  differences: Difference[];
  /** The encodings the two sides read the bytes in, when they differ. */
  encodings?: { browser: string; node: string };
}

async function runIn(entry: DriverEntry, pages: Page[], url: (path: string) => string): Promise<Outcome[]> {
  const driver = await entry.launch();
  const outcomes: Outcome[] = [];
  try {
    for (const page of pages) {
      const at = url(page.path);
      const browser = await extractInBrowser(driver, at);
      const differences = compareExtractions(browser, extractInNode(page.bytes, at));
      const browserEncoding = await driver.pageTab.evaluate(() => document.characterSet, null);
      const nodeEncoding = decodeHtml(page.bytes).encoding;
      const sameEncoding = browserEncoding.toLowerCase() === nodeEncoding.toLowerCase();
      outcomes.push({
        path: page.path,
        differences,
        ...(sameEncoding ? {} : { encodings: { browser: browserEncoding, node: nodeEncoding } }),
      });
    }
  } finally {
    await driver.close();
  }
  return outcomes;
}

function report(name: string, outcomes: Outcome[]) {
  const differing = outcomes.filter((o) => o.differences.length);
  const byEncoding = differing.filter((o) => o.encodings);
  // Same text, another count: countWords segments scripts written without spaces with Intl.Segmenter, whose
  // dictionaries differ between Node's ICU, Chromium's and Firefox's.
  const bySegmenter = differing.filter((o) => !o.encodings && o.differences.every((d) => d.field === 'wordCount'));
  const engine = differing.filter((o) => !o.encodings && !bySegmenter.includes(o));
  const same = outcomes.length - differing.length;
  console.log(`\n${name}: ${same} of ${outcomes.length} pages extract the same in the browser and in jsdom`);
  console.log(`  differ because the bytes were read in another encoding:    ${byEncoding.length}`);
  console.log(`  differ in word count only (the platform's word segmenter): ${bySegmenter.length}`);
  console.log(`  differ in the engine itself:                               ${engine.length}`);
  const fields = new Map<string, number>();
  for (const o of engine) for (const d of o.differences) fields.set(d.field, (fields.get(d.field) ?? 0) + 1);
  if (fields.size) console.log(`  engine differences by field: ${[...fields].map(([f, n]) => `${f} ${n}`).join(', ')}`);
  const show = Math.max(0, Number(values.show) || 0);
  for (const o of [...engine, ...bySegmenter, ...byEncoding].slice(0, show)) {
    const why = o.encodings ? ` [browser ${o.encodings.browser}, jsdom ${o.encodings.node}]` : '';
    console.log(`  ${o.path}${why}`);
    for (const d of o.differences) console.log(`    ${d.field}\n      browser ${d.browser}\n      jsdom   ${d.node}`);
  }
  return engine.length;
}

const pages = await loadPages();
if (!pages.length) {
  console.error('No corpus found: nothing to compare.');
  process.exit(1);
}
if (!values['no-build']) buildE2e();
const server = await servePages(new Map(pages.map((p) => [p.path, p.bytes])));
const drivers = values.browser
  ? [values.browser === 'firefox' ? FIREFOX_DRIVER : CHROMIUM_DRIVER]
  : [CHROMIUM_DRIVER, FIREFOX_DRIVER];
let engineDifferences = 0;
try {
  for (const entry of drivers)
    engineDifferences += report(entry.name, await runIn(entry, pages, (path) => server.url(path)));
} finally {
  await server.close();
}
process.exitCode = engineDifferences ? 1 : 0;
