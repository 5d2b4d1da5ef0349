// npm run bench:extract -- [--dev DIR] [--readability DIR] [--repeat N] [--out FILE]
// Our pipeline and plain Readability side by side, in one process, on the same parsed pages.
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { RULES, extractArticle, toPlainText } from '../core/reader/index.ts';
import { parseHtml, readInput } from '../cli/load.ts';
import { DEFAULT_DEV_DIR, DEFAULT_READABILITY_DIR, corpusPresent, devPagePath, loadGroundTruth } from './corpus.ts';
import {
  CLUTTER_LIST_PATH,
  MAX_LOST_SHARE,
  READABILITY_PAGE_URL,
  extractForNoHarm,
  loadClutterList,
  loadReadabilityPage,
  withoutLines,
  type ClutterLine,
} from './lib/readability-pages.ts';
import { aggregate, lostShare, shingleMatch, type Counts } from './score.ts';
import { median } from './lib/stats.ts';

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    dev: { type: 'string', default: DEFAULT_DEV_DIR },
    readability: { type: 'string', default: DEFAULT_READABILITY_DIR },
    repeat: { type: 'string', default: '5' },
    out: { type: 'string', default: join(here, 'results/extract.json') },
    only: { type: 'string' },
    'no-time': { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    without: { type: 'string', default: '' },
  },
});
const repeat = Math.max(1, Number(values.repeat));
const timing = !values['no-time'];
const skipped = new Set(values.skip.split(',').filter(Boolean));
// --without RULE,RULE: ablation, to see what each rule earns.
const without = new Set(values.without.split(',').filter(Boolean));
const rules = RULES.filter((r) => !without.has(r.id));

function plainReadability(doc: Document): string {
  const copy = doc.cloneNode(true) as Document;
  return new Readability(copy).parse()?.textContent ?? '';
}

function pipeline(doc: Document, url: string): { text: string; removed: { rule: string }[] } {
  const result = extractArticle(doc, url, { rules });
  if (result.ok) return result.article;
  // A page the readerable check rejects is what the reader opens with "Show it anyway".
  const forced = extractArticle(doc, url, { force: true, rules });
  return forced.ok ? forced.article : { text: '', removed: [] };
}

/** Times both extractors on one page, alternating their order; returns the fastest run of each. */
function time(doc: Document, url: string): { ours: number; base: number } {
  let ours = Infinity;
  let base = Infinity;
  for (let i = 0; i < repeat; i++) {
    const order = i % 2 ? ['ours', 'base'] : ['base', 'ours'];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 'ours') {
        // What the extension does on a click: the extraction, readerable check included; on a page the check
        // rejects, then the forced extraction of "Show it anyway" as well.
        const first = extractArticle(doc, url, { rules });
        if (!first.ok && first.reason === 'not-article') extractArticle(doc, url, { force: true, rules });
      } else plainReadability(doc);
      const dt = performance.now() - t0;
      if (which === 'ours') ours = Math.min(ours, dt);
      else base = Math.min(base, dt);
    }
  }
  return { ours, base };
}

const fmt = (x: number) => x.toFixed(3);
const ruleCounts = new Map<string, number>();
const countRules = (removed: { rule: string }[]) => {
  for (const r of removed) ruleCounts.set(r.rule, (ruleCounts.get(r.rule) ?? 0) + 1);
};

async function benchDev(dir: string) {
  const truth = loadGroundTruth(dir);
  const ids = Object.keys(truth)
    .filter((id) => !values.only || id.startsWith(values.only))
    .sort();
  const oursCounts: Counts[] = [];
  const baseCounts: Counts[] = [];
  const times: { ours: number; base: number }[] = [];
  const pages = [];
  for (const id of ids) {
    const { articleBody, url } = truth[id]!;
    const doc = parseHtml(await readInput(devPagePath(dir, id)), url);
    const ours = pipeline(doc, url);
    const base = plainReadability(doc);
    countRules(ours.removed);
    const o = shingleMatch(articleBody, ours.text);
    const b = shingleMatch(articleBody, base);
    oursCounts.push(o);
    baseCounts.push(b);
    if (timing) times.push(time(doc, url));
    pages.push({ id, url, ours: o, base: b, removed: ours.removed });
  }
  return { ours: aggregate(oursCounts), base: aggregate(baseCounts), times, pages };
}

async function benchReadabilityPages(dir: string) {
  const harmed: { page: string; lost: number; baseLost: number; removed: string[] }[] = [];
  const times: { ours: number; base: number }[] = [];
  const clutter = loadClutterList();
  const stale: ClutterLine[] = [];
  let ignored = 0;
  let worst = { page: '', lost: 0 };
  let pages = 0;
  for (const name of readdirSync(dir).sort()) {
    if (!existsSync(join(dir, name, 'source.html')) || !existsSync(join(dir, name, 'expected.html'))) continue;
    if (values.only && !name.startsWith(values.only)) continue;
    pages += 1;
    const { doc, expected } = await loadReadabilityPage(dir, name);
    const forced = extractForNoHarm(doc, rules);
    const ours = forced.ok ? forced.article.text : '';
    if (forced.ok) countRules(forced.article.removed);
    const baseRoot = new Readability<Node>(doc.cloneNode(true) as Document, { serializer: (n) => n }).parse()?.content;
    const base = baseRoot ? toPlainText(baseRoot) : '';
    // The reviewed clutter lines of this page, exactly those, do not count as lost.
    const listed = clutter.filter((c) => c.page === name);
    const judged = withoutLines(
      expected,
      listed.map((c) => c.line),
    );
    for (const line of judged.absent) stale.push(listed.find((c) => c.line === line)!);
    ignored += listed.length - judged.absent.length;
    const lost = lostShare(judged.text, ours);
    const baseLost = lostShare(judged.text, base);
    if (lost > worst.lost) worst = { page: name, lost };
    if (lost > MAX_LOST_SHARE) {
      const removed = forced.ok
        ? forced.article.removed.map((r) => `${r.rule}: ${r.text.slice(0, 60)}`)
        : [forced.message];
      harmed.push({ page: name, lost, baseLost, removed });
    }
    if (timing) times.push(time(doc, READABILITY_PAGE_URL));
  }
  return { pages, harmed, times, ignored, stale, worst };
}

function timeRatio(times: { ours: number; base: number }[]) {
  return {
    ratioOfMedians: median(times.map((t) => t.ours)) / median(times.map((t) => t.base)),
    medianOfRatios: median(times.map((t) => t.ours / t.base)),
    oursMs: median(times.map((t) => t.ours)),
    baseMs: median(times.map((t) => t.base)),
  };
}

async function main(): Promise<number> {
  const okDev = !skipped.has('dev') && corpusPresent(values.dev, 'the extraction benchmark', '--dev');
  const okRead =
    !skipped.has('readability') && corpusPresent(values.readability, 'the Readability test pages', '--readability');
  if (!okDev && !okRead) return 1;
  const report: Record<string, unknown> = {};
  const allTimes: { ours: number; base: number }[] = [];

  if (okDev) {
    const dev = await benchDev(values.dev);
    allTimes.push(...dev.times);
    console.log(
      `\nArticle extraction benchmark (dev half, ${dev.pages.length} pages): shingle precision / recall / F1`,
    );
    console.log(
      `  ${'pipeline'.padEnd(20)} P=${fmt(dev.ours.precision)}  R=${fmt(dev.ours.recall)}  F1=${fmt(dev.ours.f1)}`,
    );
    console.log(
      `  ${'plain Readability'.padEnd(20)} P=${fmt(dev.base.precision)}  R=${fmt(dev.base.recall)}  F1=${fmt(dev.base.f1)}`,
    );
    report.dev = { ours: dev.ours, base: dev.base, time: timeRatio(dev.times), pages: dev.pages };
  }
  if (okRead) {
    const rd = await benchReadabilityPages(values.readability);
    allTimes.push(...rd.times);
    console.log(
      `\nReadability test pages (${rd.pages}): pages where the pipeline (captions kept) loses > 1% of Readability's expected text outside the reviewed clutter list: ${rd.harmed.length}`,
    );
    console.log(
      `  largest loss: ${rd.worst.page || 'none'} ${(rd.worst.lost * 100).toFixed(2)}% (${rd.ignored} lines on ${CLUTTER_LIST_PATH} not counted)`,
    );
    for (const c of rd.stale)
      console.log(`  STALE clutter entry, no such line in ${c.page}'s expected text: ${c.line}`);
    for (const h of rd.harmed) {
      console.log(
        `  ${h.page}: lost ${(h.lost * 100).toFixed(1)}% of its words (Readability ${(h.baseLost * 100).toFixed(1)}%)`,
      );
      for (const r of h.removed) console.log(`      - ${r}`);
    }
    report.readability = {
      pages: rd.pages,
      harmed: rd.harmed,
      worst: rd.worst,
      clutterIgnored: rd.ignored,
      staleClutter: rd.stale,
      time: timeRatio(rd.times),
    };
  }

  console.log('\nRemovals by rule (both corpora):');
  for (const [rule, n] of [...ruleCounts].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(20)} ${n}`);
  if (allTimes.length > 0) {
    const t = timeRatio(allTimes);
    console.log(
      `\nTime, median over ${allTimes.length} pages (fastest of ${repeat} runs each): pipeline ${t.oursMs.toFixed(1)} ms, Readability ${t.baseMs.toFixed(1)} ms`,
    );
    console.log(
      `  ratio pipeline / Readability: ${t.ratioOfMedians.toFixed(3)} (median of per-page ratios ${t.medianOfRatios.toFixed(3)})`,
    );
    report.time = t;
  } else if (timing) console.log('\nTime: no page was timed.');
  report.rules = Object.fromEntries(ruleCounts);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(report, null, 1));
  console.log(`\nDetails: ${values.out}`);
  return 0;
}

process.exitCode = await main();
