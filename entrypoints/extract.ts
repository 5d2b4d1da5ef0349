import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPageArticle, type ProvenanceRecorder } from '../core/reader/index.ts';
import {
  HTML_CONTENT_TYPES,
  OPTIONS_GLOBAL,
  pageFailure,
  pageOutcome,
  type PageOptions,
  type PageScriptResult,
} from '../contracts/page.ts';
import { engineOptions } from '../contracts/engine-options.ts';

// Injected on demand by platform/extract-tab.ts (never declared in the manifest): reads the page, returns the
// clean article, and leaves nothing running in the page. An unlisted script, not a content script: WXT's content
// script context would announce each run to the page with a DOM event it can hear and forge, and cost 2 KB.

export default defineUnlistedScript({
  main: () => extractPage(),
});

/**
 * The extraction with the options the caller set; `recorder` only in the traced script (extract-traced.ts). The
 * article's language guess, word count and reading time are left to the extension (platform/extract-tab.ts).
 */
export function extractPage(recorder?: ProvenanceRecorder): PageScriptResult {
  const scope = globalThis as Record<string, unknown>;
  const given = scope[OPTIONS_GLOBAL] as PageOptions | undefined;
  delete scope[OPTIONS_GLOBAL];
  if (!HTML_CONTENT_TYPES.includes(document.contentType)) {
    return pageFailure('not-html', `the document is ${document.contentType}, not HTML`);
  }
  const result = extractPageArticle(document, location.href, {
    ...engineOptions(given, document),
    ...(recorder ? { provenance: recorder } : {}),
  });
  // The caller takes the page as far as it has come: "Read what has loaded", or the parser is past the article.
  const outcome = pageOutcome(result, document.readyState, given?.partial === true);
  // The value crosses to the extension by structured clone (Firefox: out of an Xray sandbox): send plain JSON
  // data only, whatever objects the engine may put in its result one day.
  return JSON.parse(JSON.stringify(outcome)) as PageScriptResult;
}
