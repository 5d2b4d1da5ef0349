// npm run bench:readerable -- [--dev DIR] [--readability DIR] [--broad DIR] [--list N]
// The "does this look like an article" check alone (extractArticle without force, as a click runs it): how many
// real articles it turns away (the reader then has to press "Show it anyway"), on the news pages of the
// article-extraction dev corpus and Readability's pages (all articles), and which pages of the broad corpus it
// turns away (many kinds; not labelled article or not, so listed for review rather than scored).
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractArticle } from '../core/reader/index.ts';
import { parseHtml, readInput } from '../cli/load.ts';
import { DEFAULT_DEV_DIR, DEFAULT_READABILITY_DIR, corpusPresent, devPagePath, loadGroundTruth } from './corpus.ts';
import { READABILITY_PAGE_URL } from './lib/readability-pages.ts';

const { values } = parseArgs({
  options: {
    dev: { type: 'string', default: DEFAULT_DEV_DIR },
    readability: { type: 'string', default: DEFAULT_READABILITY_DIR },
    broad: { type: 'string', default: resolve(import.meta.dirname, '../../shared/corpus/trafilatura-dev') },
    list: { type: 'string', default: '40' },
  },
});
/** Where the news articles turned away must stay under (issue 15). */
const MAX_FALSE_REJECTIONS = 0.01;

/** Whether the check turns the page away. */
function rejected(bytes: Uint8Array, url: string): boolean {
  const result = extractArticle(parseHtml(bytes, url), url, { timeBudgetMs: Number.POSITIVE_INFINITY });
  return !result.ok && result.reason === 'not-article';
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
const list = Math.max(0, Number(values.list) || 0);
let over = false;

async function articles(
  name: string,
  pages: { id: string; load: () => Promise<Uint8Array>; url: string }[],
  /** News articles, held to the target; Readability's test pages are edge cases of every kind, shown only. */
  news: boolean,
) {
  const away: string[] = [];
  for (const page of pages) if (rejected(await page.load(), page.url)) away.push(page.id);
  const share = away.length / Math.max(1, pages.length);
  if (news) over ||= share > MAX_FALSE_REJECTIONS;
  console.log(`${name}: ${away.length} of ${pages.length} articles turned away (${pct(away.length, pages.length)})`);
  for (const id of away) console.log(`    ${id}`);
}

if (corpusPresent(values.dev, 'the article-extraction dev corpus', '--dev')) {
  const truth = loadGroundTruth(values.dev);
  await articles(
    'News articles (article-extraction dev)',
    Object.keys(truth)
      .sort()
      .map((id) => ({ id, url: truth[id]!.url, load: () => readInput(devPagePath(values.dev, id)) })),
    true,
  );
}
if (corpusPresent(values.readability, "Readability's test pages", '--readability')) {
  const names = readdirSync(values.readability)
    .filter((n) => existsSync(join(values.readability, n, 'source.html')))
    .sort();
  await articles(
    "Readability's test pages",
    names.map((id) => ({
      id,
      url: READABILITY_PAGE_URL,
      load: () => readInput(join(values.readability, id, 'source.html')),
    })),
    false,
  );
}
if (corpusPresent(values.broad, 'the broad corpus (trafilatura-dev)', '--broad')) {
  const entries = JSON.parse(readFileSync(join(values.broad, 'evaldata.json'), 'utf8')) as {
    url: string;
    path: string;
    lang: string;
    with: string[];
  }[];
  const away: typeof entries = [];
  for (const e of entries) if (rejected(await readInput(join(values.broad, e.path)), e.url)) away.push(e);
  console.log(
    `Broad corpus (many kinds, not labelled): ${away.length} of ${entries.length} pages turned away (${pct(away.length, entries.length)})`,
  );
  for (const e of away.slice(0, list)) console.log(`    ${e.lang} ${e.url}`);
  if (away.length > list) console.log(`    … ${away.length - list} more (--list N)`);
}
if (over) {
  console.log(`\nOver the target: more than ${MAX_FALSE_REJECTIONS * 100}% of the news articles turned away.`);
  process.exitCode = 1;
}
