// npx tsx bench/diff-page.ts ID-PREFIX... [--dev DIR]
// For dev-set pages: blocks of our output that are mostly absent from the ground truth (+),
// ground-truth blocks we miss (-), and what the cleanup removed. For tuning rules.
import { parseHtml, readInput } from '../cli/load.ts';
import { extractArticle } from '../core/reader/index.ts';
import { shingles, tokenize } from './score.ts';
import { DEFAULT_DEV_DIR, corpusPresent, devPagePath, loadGroundTruth } from './corpus.ts';
const args = process.argv.slice(2);
const devAt = args.indexOf('--dev');
const dir = devAt >= 0 ? args.splice(devAt, 2)[1]! : DEFAULT_DEV_DIR;
if (!corpusPresent(dir, 'the extraction benchmark', '--dev')) process.exit(1);
const truth = loadGroundTruth(dir);
for (const prefix of args) {
  const id = Object.keys(truth).find((k) => k.startsWith(prefix));
  if (!id) {
    console.log(`${prefix}: no such page`);
    continue;
  }
  const { articleBody, url } = truth[id]!;
  const doc = parseHtml(await readInput(devPagePath(dir, id)), url);
  const r = extractArticle(doc, url, { force: true });
  if (!r.ok) {
    console.log(prefix, r.message);
    continue;
  }
  const t = shingles(articleBody);
  const tt = tokenize(articleBody).join(' ');
  console.log(`\n=== ${prefix} ${url}`);
  for (const block of r.article.text.split(/\n+/)) {
    const s = shingles(block);
    let miss = 0,
      tot = 0;
    for (const [k, c] of s) {
      tot += c;
      if (!t.has(k)) miss += c;
    }
    const toks = tokenize(block);
    if (toks.length < 4 ? !tt.includes(toks.join(' ')) : miss / tot > 0.5) console.log('  + ', block.slice(0, 140));
  }
  const o = shingles(r.article.text);
  for (const block of articleBody.split(/\n+/)) {
    const s = shingles(block);
    let miss = 0,
      tot = 0;
    for (const [k, c] of s) {
      tot += c;
      if (!o.has(k)) miss += c;
    }
    if (tot && miss / tot > 0.5) console.log('  - ', block.slice(0, 140));
  }
  console.log('  removed:', r.article.removed.map((x) => `${x.rule}: ${x.text.slice(0, 50)}`).join(' | '));
}
