// What the engine is given for a tab. Its own module: it brings the site rules' parser, which the pages that only
// exchange results with the extraction (the popup's first bundle above all) must not load.
import { parseSiteRule, type ExtractOptions, type SiteRule } from '../core/reader/index.ts';
import { PAGE_TIME_BUDGET_MS, type PageOptions } from './page.ts';

/**
 * What the engine is given for a tab, the same in the page (entrypoints/extract.ts) and on its snapshot
 * (platform/extract-snapshot.ts): the reader's options, the page's time budget, and the site's rules read again
 * against `doc` (a damaged rule is left out, never a failed extraction).
 */
export function engineOptions(given: PageOptions | undefined, doc: Document): ExtractOptions {
  return {
    force: given?.force === true,
    keepCaptions: given?.keepCaptions === true,
    timeBudgetMs: PAGE_TIME_BUDGET_MS,
    siteRules: (Array.isArray(given?.siteRules) ? given.siteRules : [])
      .map((rule) => parseSiteRule(rule, doc))
      .filter((rule): rule is SiteRule => rule !== null),
  };
}
