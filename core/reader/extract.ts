import { Readability } from '@mozilla/readability';
import type {
  ExtractFailure,
  ExtractFailureReason,
  ExtractOptions,
  ExtractResult,
  PageArticle,
  PageExtractResult,
  RemovedBlock,
} from './types.ts';
import { RULES } from './cleanup/rules/index.ts';
import { createContext, runCleanup } from './cleanup/run-cleanup.ts';
import { stripAltCredits, stripCaptionCredits } from './cleanup/captions.ts';
import { retagBlockParagraphs } from './cleanup/block-paragraphs.ts';
import { sanitizeInPlace } from './sanitize.ts';
import { toPlainText } from './text.ts';
import { declaredLang, normalizeLangTag } from './lang.ts';
import { finishArticle } from './finish-article.ts';
import { bylineBesides, findCanonicalUrl, findLede, findPublishedTime, findSiteName, metaValues } from './metadata.ts';
import { findPublisherSummary } from './summary/publisher.ts';
import { errorMessage } from '../util/index.ts';
import { TimeBudgetExceeded, startDeadline } from './budget.ts';
import { copyPage, fromPrototypes, surveyPage } from './unclobber.ts';
import { declaredImages, keepDeclaredImages } from './page-images.ts';
import { looksLikeArticle } from './readerable.ts';
import { rulesForSite, ruleStage, toCleanupRule } from './site-rules/site-rule.ts';
import { vetInArticle, vetOnPage } from './site-rules/safety.ts';
import type { RefusedRule } from './site-rules/types.ts';
import { restoreLede } from './missing-lede.ts';
import {
  choseElsewhere,
  declaredArticleText,
  declaredContainer,
  keptLittleOf,
  sampleBlocks,
} from './declared-container.ts';

/**
 * Readability's own visibility test, reading the style attribute instead of the CSSOM:
 * the same answer for inline styles, without parsing CSS (costly in some DOMs).
 */
function isVisible(node: Node): boolean {
  const el = node as Element;
  const style = el.getAttribute('style');
  if (style && /(?:^|;)\s*display\s*:\s*none\b/i.test(style)) return false;
  if (el.hasAttribute('hidden')) return false;
  return el.getAttribute('aria-hidden') !== 'true' || /fallback-image/.test(el.getAttribute('class') ?? '');
}

/** Pages with more elements than this fail fast instead of freezing the tab. */
export const DEFAULT_MAX_ELEMENTS = 100_000;

/**
 * Pages nested deeper than this fail fast too. Chromium's HTML parser stops nesting at 512 open elements (deeper
 * tags become siblings), so a parsed page never gets here there; the 221 benchmark pages go at most 50 deep. Only
 * a script builds such a tree. Readability's time grows much faster than the depth (a chain 512 deep takes it
 * about 4 s in jsdom, 1,000 deep about 16 s), and past a few thousand levels libraries that recurse per level
 * (jsdom's cloneNode) overflow the stack.
 */
export const DEFAULT_MAX_DEPTH = 512;

/**
 * Time the extraction may take, in milliseconds, checked between stages and every few hundred elements inside the
 * cleanup. A real page takes well under a second in a browser; jsdom is 10 to 20 times slower (the slowest of the
 * 221 benchmark pages takes about 2 s there), and the CLI and the benchmark use this default too. The content
 * script asks for less, since the page's thread is blocked meanwhile.
 */
export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** Readability's second answer, on the declared article alone, is taken when it has at least this much text. */
const MIN_SECOND_TEXT = 200;
/** ...and, when the first kept little of it, this many times the first answer's text. */
const MORE_TEXT = 1.5;

const MESSAGES: Record<ExtractFailureReason, string> = {
  'not-article': 'This page does not look like an article.',
  'too-large': 'This page is too large to clean up.',
  'too-slow': 'This page took too long to clean up.',
  empty: 'No readable text was found on this page.',
  error: 'The page could not be cleaned up.',
};

export function failure(reason: ExtractFailureReason, detail?: string): ExtractFailure {
  return { ok: false, reason, message: detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason] };
}

/**
 * The clean article of a page: Readability on a copy of the page, our cleanup rules on
 * its result, then sanitizing. Never modifies `doc`.
 */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): ExtractResult {
  const result = extractPageArticle(doc, url, options);
  if (!result.ok) return result;
  try {
    return { ok: true, article: finishArticle(result.article) };
  } catch (error) {
    return failure('error', errorMessage(error));
  }
}

/**
 * The same without the figures read from the text alone (`finishArticle` adds them): what the extraction script
 * runs in the page, so that their code stays out of its bundle.
 */
export function extractPageArticle(doc: Document, url: string, options: ExtractOptions = {}): PageExtractResult {
  try {
    return extract(doc, url, options);
  } catch (error) {
    if (error instanceof TimeBudgetExceeded) return failure('too-slow', error.message);
    return failure('error', errorMessage(error));
  }
}

/**
 * An HTML copy of an XHTML page. Readability and the cleanup rules compare upper-case tag names, which XML
 * documents do not give (`tagName` is "p" there): in an HTML document the same XHTML-namespace elements are HTML
 * elements, and everything works as on any page.
 */
function asHtmlDocument(doc: Document): Document {
  const copy = doc.implementation.createHTMLDocument(doc.title);
  copy.replaceChild(copy.importNode(doc.documentElement, true), copy.documentElement);
  return copy;
}

/**
 * Readability on a copy of the page. It runs in one go and cannot be interrupted: a page that takes too long in it
 * is caught by the next check only, after it returns. The element limit is what bounds its run (it walks every
 * element a few times at most). Its own limit is off: the copy has no more elements than the page surveyed, and
 * counting them again is one more walk over the whole copy.
 */
function parse(copy: Document) {
  return new Readability<Element>(copy, {
    keepClasses: true, // our article-stage rules read class names; the sanitizer drops them after
    serializer: (node) => node as Element,
    maxElemsToParse: 0,
  }).parse();
}

function extract(doc: Document, url: string, options: ExtractOptions): PageExtractResult {
  const deadline = startDeadline(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, options.clock);
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!doc.body || !(doc.body.firstElementChild || doc.body.textContent?.trim())) return failure('empty');
  const survey = surveyPage(doc.documentElement, maxElements, maxDepth);
  if (survey.elements > maxElements) return failure('too-large', `over ${maxElements} elements`);
  if (survey.depth > maxDepth) return failure('too-large', `elements nested over ${maxDepth} levels deep`);
  // From here on, every stage can take long on a big page: check the clock between them.
  const xhtml = Boolean(doc.contentType && doc.contentType !== 'text/html');
  const page = xhtml ? asHtmlDocument(doc) : doc;
  // Forms are divs in the copy, before anything walks it: a form's controls can shadow its tree properties.
  const pageSurvey = xhtml ? surveyPage(page.documentElement, maxElements, maxDepth) : survey;
  if (!options.force && !looksLikeArticle(page, isVisible, pageSurvey.blocks)) return failure('not-article');
  deadline.check('the readerable check');

  const meta = metaValues(page);
  const declared = declaredLang(page, meta);
  const cleanupOptions = { keepCaptions: options.keepCaptions ?? false, deadline };
  const ctx = createContext(page, url, cleanupOptions.keepCaptions);
  const rules = options.rules ?? RULES;
  const removed: RemovedBlock[] = [];
  // The page's base address, which a browser keeps at hand (jsdom searches the copy for a <base> again).
  const base = options.baseUrl ?? (fromPrototypes(page, 'baseURI', 'get') as (this: Node) => string).call(page);
  const pageImages = declaredImages(pageSurvey.images, base, url); // not the lazy images Readability "recovers"
  // Only when asked: where each block comes from in the original markup (what a reader's site rule is learned from).
  const recorder = options.provenance;
  // The reader's own rules for this site: the same engine, their removals vetted so that none eats the article.
  const siteRules = rulesForSite(options.siteRules ?? [], url);
  const ofStage = (stage: 'page' | 'article') => siteRules.filter((r) => ruleStage(r) === stage).map(toCleanupRule);
  const pageRules = ofStage('page');
  const titles = [page.title, meta.get('og:title') ?? '', meta.get('twitter:title') ?? ''];

  /** A copy of the page through the page-stage cleanup, ready for Readability. */
  const prepare = () => {
    const articleBodies: Element[] = [];
    const copy = copyPage(page, pageSurvey, articleBodies);
    deadline.check('copying the page');
    // A page parsed again in the extension: the copy answers with the page's addresses, as the page's own copy
    // does (Readability resolves links against them and keeps "#anchor" links when the two are the same).
    if (options.baseUrl !== undefined) {
      Object.defineProperty(copy, 'baseURI', { value: base });
      Object.defineProperty(copy, 'documentURI', { value: url });
    }
    const origins = recorder ? recorder.stampSources(page, copy, pageSurvey.dropped) : null;
    const removedHere: RemovedBlock[] = [];
    const refusedHere: RefusedRule[] = [];
    if (copy.body) removedHere.push(...runCleanup(copy.body, rules, 'page', ctx, cleanupOptions));
    deadline.check('the page cleanup');
    if (copy.body && pageRules.length) {
      const vet = vetOnPage(copy, (d) => parse(d)?.content ?? null, refusedHere);
      removedHere.push(...runCleanup(copy.body, pageRules, 'page', ctx, { ...cleanupOptions, vet }));
      deadline.check('the site rules');
    }
    return { copy, has: { articleBodies, article: pageSurvey.article }, origins, removedHere, refusedHere };
  };

  let prepared = prepare();
  const declaredBox = declaredContainer(prepared.copy, titles, prepared.has);
  const declaredText = declaredBox ? declaredArticleText(declaredBox, prepared.has.articleBodies) : '';
  let parsed = parse(prepared.copy);
  deadline.check('Readability');
  // Readability chose a block outside the container the page declares as its article (a teaser, an author box, the
  // next article): run it again on that container alone, and keep the second answer if it has text.
  const firstText = parsed?.textContent ?? '';
  const elsewhere =
    declaredBox !== null && !!parsed?.content && choseElsewhere(sampleBlocks(parsed.content), declaredText);
  const little = declaredBox !== null && keptLittleOf(firstText, declaredText);
  if (parsed?.content && (elsewhere || little)) {
    const again = prepare();
    const box = declaredContainer(again.copy, titles, again.has);
    if (box && again.copy.body) {
      again.copy.body.replaceChildren(box);
      const second = parse(again.copy);
      deadline.check('Readability on the declared article');
      const secondLength = second?.textContent?.trim().length ?? 0;
      if (second?.content && secondLength >= (elsewhere ? MIN_SECOND_TEXT : firstText.trim().length * MORE_TEXT)) {
        parsed = { ...second, title: second.title || parsed.title, byline: second.byline ?? parsed.byline };
        prepared = again;
      }
    }
  }
  const { origins } = prepared;
  removed.push(...prepared.removedHere);
  const refusedRules = prepared.refusedHere;
  const root = parsed?.content;
  if (!parsed || !root) return failure('empty');
  // The standfirst in the article's header, a cousin of the block Readability chose (missing-lede.ts).
  const paragraphs = pageSurvey.blocks.filter((el) => el.localName === 'p'); // blocks are never forms: no clobbering
  restoreLede(paragraphs, root, meta.get('og:description') ?? meta.get('description') ?? null, base);

  const lede = findLede(root, meta);
  // Readability's excerpt is the JSON-LD or meta description, else its first paragraph (no summary).
  const excerpt = parsed.excerpt?.trim();
  const description = excerpt && excerpt !== root.getElementsByTagName('p')[0]?.textContent?.trim() ? excerpt : null;
  const publishedTime = findPublishedTime(root, parsed.publishedTime, meta);
  ctx.title = parsed.title ?? '';
  const articleRules = ofStage('article');
  if (articleRules.length) {
    const vet = vetInArticle(root, refusedRules);
    removed.push(...runCleanup(root, articleRules, 'article', ctx, { ...cleanupOptions, vet }));
  }
  removed.push(...runCleanup(root, rules, 'article', ctx, cleanupOptions));
  if (cleanupOptions.keepCaptions) stripCaptionCredits(root);
  stripAltCredits(root);
  deadline.check('the article cleanup');

  keepDeclaredImages(root, pageImages, url);
  const stamps = recorder && origins ? recorder.takeStamps(root) : null;
  // DOMPurify, like Readability, runs in one go; the article is much smaller than the page by now.
  const body = sanitizeInPlace(root, doc);
  retagBlockParagraphs(body); // so that the HTML parses back into this very tree
  deadline.check('sanitizing');
  const text = toPlainText(body);
  if (!text) return failure('empty');
  deadline.check('the plain text');
  // The page's own language; a guess from the text, if need be, comes with the word count (finishArticle).
  const lang = normalizeLangTag(parsed.lang) || declared;

  const canonicalUrl = findCanonicalUrl(doc, url, meta);
  const siteName = findSiteName(page, canonicalUrl ?? url, parsed.siteName, meta);
  const article: PageArticle = {
    url,
    canonicalUrl,
    title: (parsed.title ?? '').trim() || page.title.trim(),
    byline: bylineBesides(parsed.byline, siteName),
    siteName,
    lang,
    dir: parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : null,
    publishedTime,
    lede,
    publisherSummary: findPublisherSummary(body, { lede, description }),
    contentHtml: body.outerHTML,
    text,
    removed,
  };
  if (siteRules.length) article.refusedRules = refusedRules;
  if (recorder && origins && stamps) article.provenance = recorder.blockProvenance(body, stamps, origins);
  return { ok: true, article };
}
