import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type {
  Article,
  ExtractFailure,
  ExtractFailureReason,
  ExtractOptions,
  ExtractResult,
  RemovedBlock,
} from './types.ts';
import { RULES } from './cleanup/rules/index.ts';
import { createContext, runCleanup } from './cleanup/engine.ts';
import { stripAltCredits, stripCaptionCredits } from './cleanup/captions.ts';
import { sanitizeInPlace } from './sanitize.ts';
import { countWords, readingTimeMinutes, toPlainText } from './text.ts';
import { declaredLang, guessLang, normalizeLangTag } from './lang.ts';
import { findCanonicalUrl, findLede, findPublishedTime, metaValues } from './metadata.ts';
import { findPublisherSummary } from './summary/publisher.ts';
import { errorMessage } from './errors.ts';

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

const MESSAGES: Record<ExtractFailureReason, string> = {
  'not-article': 'This page does not look like an article.',
  'too-large': 'This page is too large to clean up.',
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
  try {
    return extract(doc, url, options);
  } catch (error) {
    return failure('error', errorMessage(error));
  }
}

function extract(doc: Document, url: string, options: ExtractOptions): ExtractResult {
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  if (!doc.body || !(doc.body.firstElementChild || doc.body.textContent?.trim())) return failure('empty');
  const elementCount = doc.getElementsByTagName('*').length;
  if (elementCount > maxElements) {
    return failure('too-large', `${elementCount} elements, the limit is ${maxElements}`);
  }
  if (!options.force && !isProbablyReaderable(doc, { visibilityChecker: isVisible })) return failure('not-article');

  const meta = metaValues(doc);
  const declared = declaredLang(doc, meta);
  const cleanupOptions = { keepCaptions: options.keepCaptions ?? false };
  const ctx = createContext(doc, url, cleanupOptions.keepCaptions);
  const rules = options.rules ?? RULES;
  const removed: RemovedBlock[] = [];
  const copy = doc.cloneNode(true) as Document;
  if (copy.body) removed.push(...runCleanup(copy.body, rules, 'page', ctx, cleanupOptions));

  const parsed = new Readability<Element>(copy, {
    keepClasses: true, // our article-stage rules read class names; the sanitizer drops them after
    serializer: (node) => node as Element,
  }).parse();
  const root = parsed?.content;
  if (!parsed || !root) return failure('empty');

  const lede = findLede(root, meta);
  // Readability's excerpt is the JSON-LD or meta description, else its first paragraph (no summary).
  const excerpt = parsed.excerpt?.trim();
  const description = excerpt && excerpt !== root.getElementsByTagName('p')[0]?.textContent?.trim() ? excerpt : null;
  const publishedTime = findPublishedTime(root, parsed.publishedTime, meta);
  ctx.title = parsed.title ?? '';
  removed.push(...runCleanup(root, rules, 'article', ctx, cleanupOptions));
  if (cleanupOptions.keepCaptions) stripCaptionCredits(root);
  stripAltCredits(root);

  const body = sanitizeInPlace(root, doc);
  const text = toPlainText(body);
  if (!text) return failure('empty');
  const lang = normalizeLangTag(parsed.lang) || declared || guessLang(text);
  const wordCount = countWords(text, lang);

  const article: Article = {
    url,
    canonicalUrl: findCanonicalUrl(doc, url, meta),
    title: (parsed.title ?? '').trim() || doc.title.trim(),
    byline: parsed.byline?.trim() || null,
    siteName: parsed.siteName?.trim() || null,
    lang,
    dir: parsed.dir === 'rtl' || parsed.dir === 'ltr' ? parsed.dir : null,
    publishedTime,
    lede,
    publisherSummary: findPublisherSummary(body, { lede, description }),
    contentHtml: body.outerHTML,
    text,
    wordCount,
    readingTimeMinutes: readingTimeMinutes(text, lang, wordCount),
    removed,
  };
  return { ok: true, article };
}
