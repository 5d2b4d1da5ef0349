// npm run bench:broad -- [CORPUS_DIR] [--worst N] [--only FILE_PREFIX] [--lang de] [--without RULE,RULE] [--out FILE]
// The broad corpus (trafilatura-dev: 497 pages of many kinds and languages, must-keep and must-drop chunks): our
// pipeline, run as a click runs it but forced past the readerable check, and plain Readability side by side on
// the same parsed pages. Scored as the corpus note says (bench/lib/chunks.ts).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { RULES, extractArticle, toPlainText } from '../core/reader/index.ts';
import { parseHtml, readInput } from '../cli/load.ts';
import { corpusPresent } from './corpus.ts';
import { chunkScores, scoreChunks, type ChunkScores, type PageChunks } from './lib/chunks.ts';

const DEFAULT_BROAD_DIR = resolve(import.meta.dirname, '../../shared/corpus/trafilatura-dev');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    worst: { type: 'string', default: '0' },
    only: { type: 'string' },
    lang: { type: 'string' },
    without: { type: 'string', default: '' },
    out: { type: 'string', default: join(import.meta.dirname, 'results/broad.json') },
  },
});
const dir = positionals[0] ?? DEFAULT_BROAD_DIR;
const worst = Math.max(0, Number(values.worst) || 0);
const without = new Set(values.without.split(',').filter(Boolean));
const rules = RULES.filter((r) => !without.has(r.id));

interface Entry {
  url: string;
  file: string;
  path: string;
  lang: string;
  with: string[];
  without: string[];
}

interface PageResult {
  file: string;
  url: string;
  lang: string;
  ours: PageChunks;
  base: PageChunks;
  /** Why the pipeline gave no text, when it failed. */
  failure?: string;
  removed: { rule: string; text: string }[];
}

/** Plain Readability, its article as the same block-aware plain text as ours. */
function plainReadability(doc: Document): string {
  const root = new Readability<Node>(doc.cloneNode(true) as Document, { serializer: (n) => n }).parse()?.content;
  return root ? toPlainText(root) : '';
}

async function run(): Promise<PageResult[]> {
  const entries = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Entry[];
  const results: PageResult[] = [];
  for (const e of entries) {
    if (values.only && !e.file.startsWith(values.only)) continue;
    if (values.lang && e.lang !== values.lang) continue;
    const doc = parseHtml(await readInput(join(dir, e.path)), e.url);
    // No time limit: this measures text, and a loaded machine must not turn a slow page into a lost one.
    const ours = extractArticle(doc, e.url, { force: true, rules, timeBudgetMs: Number.POSITIVE_INFINITY });
    const base = plainReadability(doc);
    results.push({
      file: e.file,
      url: e.url,
      lang: e.lang,
      ours: scoreChunks(ours.ok ? ours.article.text : '', e.with, e.without),
      base: scoreChunks(base, e.with, e.without),
      ...(ours.ok ? {} : { failure: ours.message }),
      removed: ours.ok ? ours.article.removed : [],
    });
  }
  return results;
}

const fmt = (x: number) => x.toFixed(3);
const row = (label: string, s: ChunkScores) =>
  `  ${label.padEnd(22)} ${fmt(s.f1)}   ${fmt(s.withFound)}   ${fmt(s.withoutAbsent)}   ${fmt(s.precision)}`;

function report(results: PageResult[]) {
  const ours = chunkScores(results.map((r) => r.ours));
  const base = chunkScores(results.map((r) => r.base));
  console.log(`\nBroad corpus (${results.length} pages, ${dir})`);
  console.log(`  ${''.padEnd(22)} F1      with    without precision`);
  console.log(row('pipeline (forced)', ours));
  console.log(row('plain Readability', base));
  const failed = results.filter((r) => r.failure);
  if (failed.length) console.log(`  pipeline gave no text on ${failed.length} pages`);

  console.log('\nBy language (pages): F1 pipeline / Readability, "with" found, "without" absent');
  const byLang = Map.groupBy(results, (r) => r.lang);
  const langs = [...byLang].sort((a, b) => b[1].length - a[1].length);
  const perLang: Record<string, { ours: ChunkScores; base: ChunkScores }> = {};
  for (const [lang, pages] of langs) {
    const o = chunkScores(pages.map((p) => p.ours));
    const b = chunkScores(pages.map((p) => p.base));
    perLang[lang] = { ours: o, base: b };
    const flag = pages.length >= 10 && o.f1 < b.f1 ? '  BELOW READABILITY' : '';
    console.log(
      `  ${lang.padEnd(6)} ${String(pages.length).padStart(4)}  F1 ${fmt(o.f1)} / ${fmt(b.f1)}  with ${fmt(o.withFound)} / ${fmt(b.withFound)}  without ${fmt(o.withoutAbsent)} / ${fmt(b.withoutAbsent)}${flag}`,
    );
  }

  if (worst > 0) {
    const list = (title: string, key: 'leaked' | 'lost') => {
      console.log(`\n${title}`);
      const sorted = [...results].sort((a, b) => b.ours[key].length - a.ours[key].length || (a.file < b.file ? -1 : 1));
      for (const r of sorted.slice(0, worst)) {
        if (!r.ours[key].length) break;
        const fail = r.failure ? ` [${r.failure}]` : '';
        console.log(`  ${r.file.slice(0, 8)} ${r.lang} ${r.url}${fail} (Readability: ${r.base[key].length})`);
        for (const c of r.ours[key]) console.log(`      ${key === 'lost' ? '-' : '+'} ${c.slice(0, 100)}`);
      }
    };
    list(`Pages that leak most ("without" chunks in our text), ${worst} at most:`, 'leaked');
    list(`Pages that lose most ("with" chunks missing from our text), ${worst} at most:`, 'lost');
  }
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify({ ours, base, perLang, pages: results }, null, 1));
  console.log(`\nDetails: ${values.out}`);
}

if (corpusPresent(dir, 'the broad corpus (trafilatura-dev)', 'npm run bench:broad --')) report(await run());
else process.exitCode = 1;
