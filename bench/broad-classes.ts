// npx tsx bench/broad-classes.ts [CORPUS_DIR] [--only FILE_PREFIX] [--list CLASS]
// Failure classes on the broad corpus: every "with" chunk the pipeline loses and every "without" chunk it leaks,
// grouped by cause, with counts (docs/benchmarks.md). Rough by design: a class is decided from where the chunk
// sits in the page, in Readability's output and in ours, not by hand.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractArticle, toPlainText } from '../core/reader/index.ts';
import { parseHtml, readInput } from '../cli/load.ts';
import { corpusPresent } from './corpus.ts';
import { collapseSpace } from './lib/chunks.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: 'string' }, list: { type: 'string' } },
});
const dir = positionals[0] ?? resolve(import.meta.dirname, '../../shared/corpus/trafilatura-dev');
if (!corpusPresent(dir, 'the broad corpus (trafilatura-dev)', 'npx tsx bench/broad-classes.ts')) process.exit(1);

interface Entry {
  url: string;
  file: string;
  path: string;
  with: string[];
  without: string[];
}

/** Class and id vocabulary of page furniture, in the corpus's main languages. */
const CHROME =
  /foot|sidebar|side-bar|aside|comment|kommentar|share|social|related|teaser|widget|nav|menu|breadcrumb|cookie|consent|newsletter|author|autor|meta|byline|tags?\b|date|datum|copyright|impressum|banner|promo|advert|ads?\b/i;
const BOUNDARY = 0.15;

const counts = new Map<string, number>();
const examples = new Map<string, string[]>();
const add = (cls: string, example: string) => {
  counts.set(cls, (counts.get(cls) ?? 0) + 1);
  const list = examples.get(cls) ?? [];
  list.push(example);
  examples.set(cls, list);
};

/** The deepest element whose text has the chunk, and its ancestors' class and id strings that look like chrome. */
function chromeAround(doc: Document, chunk: string): string | null {
  let best = null as Element | null;
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (collapseSpace(child.textContent ?? '').includes(chunk)) {
        best = child;
        walk(child);
        return;
      }
    }
  };
  if (doc.body) walk(doc.body);
  for (let el: Element | null = best; el; el = el.parentElement) {
    const tag = el.tagName.toLowerCase();
    if (['footer', 'aside', 'nav', 'header'].includes(tag)) return tag;
    const sig = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const m = CHROME.exec(sig);
    if (m) return m[0].toLowerCase();
  }
  return null;
}

const entries = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Entry[];
let pages = 0;
for (const e of entries) {
  if (values.only && !e.file.startsWith(values.only)) continue;
  pages++;
  const doc = parseHtml(await readInput(join(dir, e.path)), e.url);
  const pageText = collapseSpace(doc.body?.textContent ?? '');
  const r = extractArticle(doc, e.url, { force: true, timeBudgetMs: Infinity });
  const ours = collapseSpace(r.ok ? r.article.text : '');
  const bare = extractArticle(doc, e.url, { force: true, rules: [], timeBudgetMs: Infinity });
  const noRules = collapseSpace(bare.ok ? bare.article.text : '');
  const root = new Readability<Node>(doc.cloneNode(true) as Document, { serializer: (n) => n }).parse()?.content;
  const base = collapseSpace(root ? toPlainText(root) : '');
  const readerable = isProbablyReaderable(doc);
  const tag = (c: string) => `${e.file.slice(0, 8)} ${c.slice(0, 70)}`;
  const lostHere = e.with.filter((c) => !ours.includes(collapseSpace(c)));
  for (const raw of lostHere) {
    const c = collapseSpace(raw);
    let cls: string;
    if (!pageText.includes(c)) cls = 'lost: not in the page body text (markup splits it, or outside body)';
    else if (noRules.includes(c)) {
      const rule = r.ok ? r.article.removed.find((b) => collapseSpace(b.text).includes(c.slice(0, 40)))?.rule : '';
      cls = `lost: a cleanup rule removed it (${rule || 'page-stage rule, changed the container'})`;
    } else if (base.includes(c)) cls = 'lost: page-stage cleanup changed what Readability keeps';
    else if (!readerable) cls = 'lost: Readability missed it, page not readerable (non-article?)';
    else if (lostHere.length === e.with.length) cls = 'lost: Readability picked the wrong container (all lost)';
    else cls = 'lost: Readability kept part of the article (sibling or boundary cut)';
    add(cls, tag(raw));
  }
  for (const raw of e.without) {
    const c = collapseSpace(raw);
    const at = ours.indexOf(c);
    if (at < 0) continue;
    const pos = at / Math.max(1, ours.length);
    const where = !readerable
      ? 'page not readerable'
      : pos < BOUNDARY
        ? 'start of the text'
        : pos + c.length / ours.length > 1 - BOUNDARY
          ? 'end of the text'
          : 'middle of the text';
    const chrome = chromeAround(doc, c);
    add(`leak: ${where}, ${chrome ? 'inside chrome-named markup' : 'no chrome markup'}`, `${tag(raw)} [${chrome}]`);
    if (chrome) add(`  (markup word: ${chrome})`, tag(raw));
  }
}

console.log(`\nFailure classes on ${pages} pages (pipeline, forced):`);
for (const [cls, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
  console.log(`  ${String(n).padStart(4)}  ${cls}`);
if (values.list)
  for (const [cls, ex] of examples) if (cls.includes(values.list)) console.log(cls, '\n   ', ex.join('\n    '));
