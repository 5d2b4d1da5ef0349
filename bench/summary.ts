// npm run bench:summary -- [--dev DIR] [--readability DIR] [--repeat N] [--out FILE] [--seed N]
// Our summary, Lead-3 and random-3 against the publisher's own standfirst, on the pages that have one;
// and the summary's cost next to the extraction's, on the same pages.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { n as rougeN } from 'js-rouge';
import {
  countWords,
  extractArticle,
  findPublisherSummary,
  findSummaryBox,
  splitParagraphs,
  splitSentences,
  summarize,
  summaryLength,
  type Article,
  type SummaryOptions,
} from '../core/reader/index.ts';
import { parseHtml, readInput } from '../cli/load.ts';
import { DEFAULT_DEV_DIR, DEFAULT_READABILITY_DIR, corpusPresent, devPagePath, loadGroundTruth } from './corpus.ts';
import { median } from './lib/stats.ts';
import { mulberry32 } from './lib/random.ts';

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    dev: { type: 'string', default: DEFAULT_DEV_DIR },
    readability: { type: 'string', default: DEFAULT_READABILITY_DIR },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: join(here, 'results/summary.json') },
    'no-time': { type: 'boolean', default: false },
    // Tuning knobs, passed to summarize().
    'position-weight': { type: 'string' },
    'title-weight': { type: 'string' },
    lambda: { type: 'string' },
  },
});
const repeat = Math.max(1, Number(values.repeat));
const timing = !values['no-time'];
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
const tuning: SummaryOptions = {
  positionWeight: num(values['position-weight']),
  titleWeight: num(values['title-weight']),
  lambda: num(values.lambda),
};

/** A standfirst shorter than this is a label, not a summary; one longer is the article itself, cut. */
const MIN_STANDFIRST = 40;
const MAX_STANDFIRST = 600;

/** Unicode-aware ROUGE tokens: lower case, split on anything but letters and digits. */
const tokens = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
function rouge(candidate: string, reference: string, n: number): number {
  // js-rouge rejects empty text; an empty summary scores 0.
  if (!tokens(candidate).length || !tokens(reference).length) return 0;
  return rougeN(candidate, reference, { n, tokenizer: tokens });
}

function multisetContainment(inner: string[], outer: string[]): number {
  if (!inner.length) return 0;
  const counts = new Map<string, number>();
  for (const t of outer) counts.set(t, (counts.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of inner) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(t, c - 1);
    }
  }
  return hit / inner.length;
}

/**
 * The article text without the standfirst: any paragraph that is the standfirst, contains it
 * (the description is often the first paragraph, cut) or is contained in it.
 */
function withoutStandfirst(text: string, standfirst: string): { text: string; removed: number } {
  const ref = tokens(standfirst);
  let removed = 0;
  const kept = splitParagraphs(text).filter((p) => {
    const words = tokens(p);
    const copy = multisetContainment(ref, words) >= 0.8 || multisetContainment(words, ref) >= 0.8;
    if (copy) removed++;
    return !copy;
  });
  return { text: kept.join('\n\n'), removed };
}

/** Sentences a baseline may pick: prose, not headings or labels (at least 4 words). */
function sentencesOf(text: string, lang: string): string[] {
  return splitParagraphs(text)
    .flatMap((p) => splitSentences(p, lang))
    .filter((s) => countWords(s, lang) >= 4);
}

function randomK(sentences: string[], k: number, rand: () => number): string[] {
  const idx = sentences.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => sentences[i]!);
}

function fastest(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

interface Page {
  id: string;
  doc: Document;
  url: string;
}

async function* pages(): AsyncGenerator<Page> {
  if (corpusPresent(values.dev, 'the extraction benchmark', '--dev')) {
    const truth = loadGroundTruth(values.dev);
    for (const id of Object.keys(truth).sort()) {
      const { url } = truth[id]!;
      yield { id: `dev/${id.slice(0, 12)}`, doc: parseHtml(await readInput(devPagePath(values.dev, id)), url), url };
    }
  }
  if (corpusPresent(values.readability, 'the Readability test pages', '--readability')) {
    for (const name of readdirSync(values.readability).sort()) {
      const source = join(values.readability, name, 'source.html');
      if (!existsSync(source)) continue;
      const url = 'http://fakehost/test/page.html';
      yield { id: `readability/${name}`, doc: parseHtml(await readInput(source), url), url };
    }
  }
}

const METHODS = ['summary', 'lead-3', 'lead-k', 'random-3'] as const;
type Method = (typeof METHODS)[number];

async function main(): Promise<number> {
  if (!existsSync(values.dev) && !existsSync(values.readability)) {
    corpusPresent(values.dev, 'the extraction benchmark', '--dev');
    corpusPresent(values.readability, 'the Readability test pages', '--readability');
    return 1;
  }
  const rand = mulberry32(Number(values.seed)); // random-3 is the same on every run
  const scores = {} as Record<Method, { r1: number[]; r2: number[] }>;
  for (const m of METHODS) scores[m] = { r1: [], r2: [] };
  const results = [];
  const times: { summaryMs: number; extractMs: number; detectMs: number; words: number }[] = [];
  const sources = { box: 0, lede: 0, description: 0, none: 0 };
  const boxes: { id: string; items: string[] }[] = [];
  let extracted = 0;
  let seen = 0;
  let copies = 0;

  for await (const { id, doc, url } of pages()) {
    seen++;
    const result = extractArticle(doc, url, { force: true });
    if (!result.ok) continue;
    const article: Article = result.article;
    // Where the publisher summary came from, on every page.
    const body = parseHtml(new TextEncoder().encode(`<body>${article.contentHtml}</body>`), url).body;
    const box = findSummaryBox(body);
    extracted++;
    if (box) boxes.push({ id, items: box });
    sources[box ? 'box' : article.lede ? 'lede' : article.publisherSummary ? 'description' : 'none']++;
    const standfirst = article.lede?.trim() ?? '';
    if (standfirst.length < MIN_STANDFIRST || standfirst.length > MAX_STANDFIRST) continue;
    const stripped = withoutStandfirst(article.text, standfirst);
    const words = countWords(stripped.text, article.lang);
    // Pages too short for a summary would compare our empty output with three sentences.
    if (summaryLength(words) === 0) continue;
    if (stripped.removed) copies++;

    const ours = summarize(
      { text: stripped.text, lang: article.lang, title: article.title, wordCount: words },
      tuning,
    ).sentences.map((s) => s.text);
    const sentences = sentencesOf(stripped.text, article.lang);
    const picks: Record<Method, string[]> = {
      summary: ours,
      'lead-3': sentences.slice(0, 3),
      'lead-k': sentences.slice(0, ours.length),
      'random-3': randomK(sentences, 3, rand),
    };
    const page: Record<string, unknown> = {
      id,
      lang: article.lang,
      words,
      standfirst,
      copiesRemoved: stripped.removed,
    };
    for (const m of METHODS) {
      const text = picks[m].join(' ');
      const r1 = rouge(text, standfirst, 1);
      const r2 = rouge(text, standfirst, 2);
      scores[m].r1.push(r1);
      scores[m].r2.push(r2);
      page[m] = { r1, r2 };
    }
    page.summaryText = ours;

    if (timing) {
      // The summary as the extension would run it: on the whole clean article.
      const input = { text: article.text, lang: article.lang, title: article.title, lede: article.lede };
      const summaryMs = fastest(() => summarize(input));
      const extractMs = fastest(() => extractArticle(doc, url, { force: true }));
      // The publisher summary step inside the extraction, alone, on the (parsed) clean article.
      const detectMs = fastest(() => findPublisherSummary(body, { lede: article.lede }));
      times.push({ summaryMs, extractMs, detectMs, words: article.wordCount });
      page.time = { summaryMs, extractMs, detectMs };
    }
    results.push(page);
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  console.log(
    `\nSummaries against the publisher's standfirst: ${results.length} pages of ${seen} (standfirst of ${MIN_STANDFIRST} to ${MAX_STANDFIRST} characters, article >= 120 words once it is removed)`,
  );
  console.log(`  pages where a paragraph copying the standfirst was removed too: ${copies}\n`);
  console.log(`  ${'method'.padEnd(28)} ROUGE-1 F  ROUGE-2 F`);
  const label: Record<Method, string> = {
    summary: 'our summary (2-5 sentences)',
    'lead-3': 'Lead-3',
    'lead-k': 'Lead-k (as many as ours)',
    'random-3': `random-3 (seed ${values.seed})`,
  };
  const table: Record<string, { rouge1: number; rouge2: number }> = {};
  for (const m of METHODS) {
    const r1 = mean(scores[m].r1);
    const r2 = mean(scores[m].r2);
    table[m] = { rouge1: r1, rouge2: r2 };
    console.log(`  ${label[m].padEnd(28)} ${r1.toFixed(3).padStart(9)}  ${r2.toFixed(3).padStart(9)}`);
  }
  const wins = scores.summary.r1.filter((x, i) => x > scores['lead-3'].r1[i]!).length;
  const losses = scores.summary.r1.filter((x, i) => x < scores['lead-3'].r1[i]!).length;
  console.log(`  ROUGE-1 per page, ours vs Lead-3: ${wins} better, ${losses} worse`);

  console.log(
    `\nPublisher summaries, on the ${extracted} pages extracted: ${sources.box} summary boxes, ${sources.lede} standfirsts, ${sources.description} JSON-LD descriptions, ${sources.none} without`,
  );
  const report: Record<string, unknown> = {
    pages: results.length,
    copiesRemoved: copies,
    table,
    tuning,
    sources,
    boxes,
  };
  if (timing && times.length) {
    const perK = median(times.map((t) => (t.summaryMs / Math.max(1, t.words)) * 1000));
    const summaryMs = median(times.map((t) => t.summaryMs));
    const extractMs = median(times.map((t) => t.extractMs));
    const ratioOfMedians = summaryMs / extractMs;
    const medianOfRatios = median(times.map((t) => t.summaryMs / t.extractMs));
    console.log(
      `\nTime, median over ${times.length} pages (fastest of ${repeat} runs): summary ${summaryMs.toFixed(2)} ms, ${perK.toFixed(2)} ms per 1,000 words; extraction ${extractMs.toFixed(1)} ms`,
    );
    console.log(
      `  summary / extraction: ${(ratioOfMedians * 100).toFixed(1)}% (median of per-page ratios ${(medianOfRatios * 100).toFixed(1)}%; target < 10%)`,
    );
    const detectMs = median(times.map((t) => t.detectMs));
    console.log(
      `  publisher summary detection (part of the extraction): ${detectMs.toFixed(2)} ms, ${((detectMs / extractMs) * 100).toFixed(1)}% of it`,
    );
    report.time = { summaryMs, msPer1000Words: perK, extractMs, ratioOfMedians, medianOfRatios, detectMs };
  }
  report.results = results;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(report, null, 1));
  console.log(`\nDetails: ${values.out}`);
  return 0;
}

process.exitCode = await main();
