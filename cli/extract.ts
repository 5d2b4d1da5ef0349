// npm run -s extract -- [--format text|markdown|html|json|jsonl] [--summary] [--keep-captions] [--force] [--url URL] [--rules FILE.json] FILE...
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractArticle, summarize, type ExtractResult, type SiteRule, type Summary } from '../core/reader/index.ts';
import { FORMATS, formatArticle, type Format } from './format.ts';
import { parseHtml, readInput } from './load.ts';
import { readSiteRules } from './site-rules.ts';

export const DEMO_PAGE = fileURLToPath(new URL('../tests/fixtures/seed-fr-hammouchi/source.html', import.meta.url));
const DEMO_URL = 'https://quotidien-maghreb.example/politique/visite-officielle-hammouchi-france/';

const USAGE = `Usage: npm run -s extract -- [options] [FILE...]

Prints the clean article of each HTML page (.html, .html.gz, or - for stdin).
With no FILE, cleans the bundled demo page.

Options:
  --format F       text (default), markdown, html, json, jsonl (one JSON object per input)
  --summary        add the article's summary: a "Summary" section first in text and markdown,
                   "summary": [{text, paragraph}] in json and jsonl (paragraph: index of the
                   sentence's block in "text", blocks split on blank lines)
  --keep-captions  keep figures with their captions (credits are still dropped)
  --force          skip the "does this look like an article" check
  --url URL        the page's address, for resolving relative links
  --rules FILE     the reader's site rules (a JSON array, docs/site-rules.md); they apply on
                   their site only, so give --url; a rule refused on a page is said on stderr
  -h, --help       this help`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        summary: { type: 'boolean', default: false },
        'keep-captions': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        url: { type: 'string' },
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    console.error(`Unknown format "${values.format}". Choose one of: ${FORMATS.join(', ')}.`);
    return 2;
  }
  const inputs = positionals.length ? positionals : [DEMO_PAGE];
  let siteRules: SiteRule[] | undefined;
  if (values.rules) {
    try {
      siteRules = await readSiteRules(values.rules);
    } catch (error) {
      console.error(`${values.rules}: ${(error as Error).message}`);
      return 2;
    }
    if (!values.url) console.error("--rules: site rules apply on their site only; give the page's --url.");
  }
  const options = { keepCaptions: values['keep-captions'], force: values.force, siteRules };
  let failures = 0;
  const jsonResults: unknown[] = [];

  for (const input of inputs) {
    const url = values.url ?? (input === DEMO_PAGE ? DEMO_URL : `file://${input === '-' ? '/stdin' : input}`);
    let result: ExtractResult;
    try {
      const doc = parseHtml(await readInput(input), url);
      result = extractArticle(doc, url, options);
    } catch (error) {
      result = { ok: false, reason: 'error', message: `Could not read ${input}: ${(error as Error).message}` };
    }
    if (!result.ok) failures += 1;
    for (const refused of (result.ok && result.article.refusedRules) || []) {
      const what = refused.reason === 'first-paragraph' ? 'its first paragraph' : 'too much of its text';
      console.error(
        `${input}: rule ${refused.rule} not applied: it would remove ${what} (${Math.round(refused.share * 100)}% of the text).`,
      );
    }
    const summary: Summary | undefined = result.ok && values.summary ? summarize(result.article) : undefined;

    if (format === 'jsonl' || format === 'json') {
      const record = result.ok
        ? {
            input,
            ...result.article,
            html: result.article.contentHtml,
            contentHtml: undefined,
            publisherSummary: result.article.publisherSummary ?? null,
            ...(summary ? { summary: summary.sentences } : {}),
          }
        : { input, error: result.message, reason: result.reason };
      if (format === 'jsonl') process.stdout.write(`${JSON.stringify(record)}\n`);
      else jsonResults.push(record);
    } else if (result.ok) {
      if (inputs.length > 1) process.stdout.write(`==> ${input} <==\n`);
      process.stdout.write(`${formatArticle(result.article, format, summary)}\n`);
    } else {
      console.error(`${input}: ${result.message}`);
    }
  }
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(jsonResults.length === 1 ? jsonResults[0] : jsonResults, null, 2)}\n`);
  }
  return failures === inputs.length ? 1 : 0;
}

process.exitCode = await main();
