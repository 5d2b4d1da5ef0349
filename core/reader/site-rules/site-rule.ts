// A reader's own cleanup rule for one site, as plain JSON data, and the CleanupRule the engine runs for it.

import type { CleanupRule, CleanupStage } from '../cleanup/rule.ts';
import { normalizedText } from '../text.ts';
import { linkDensity } from '../cleanup/dom.ts';
import type { SiteRule, TextCondition } from './types.ts';

export const SITE_RULE_PREFIX = 'site:';

const DEFAULT_TEXT_MAX = 500;

/** The host a rule is for: lower-case, without `www.`; '' for an address without one. */
export function siteOf(url: string): string {
  try {
    return siteOfHost(new URL(url).hostname);
  } catch {
    return '';
  }
}

/** The same for a host name the browser gives (already in its canonical form). */
export function siteOfHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

export const ruleStage = (rule: SiteRule): 'page' | 'article' => rule.stage ?? (rule.selector ? 'page' : 'article');

/** A rule read from JSON, or null when it is not one (missing id or site, no condition, bad selector). */
export function parseSiteRule(value: unknown, doc?: Document): SiteRule | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !v.id.startsWith(SITE_RULE_PREFIX) || typeof v.site !== 'string' || !v.site)
    return null;
  const rule: SiteRule = {
    id: v.id,
    site: v.site.toLowerCase().replace(/^www\./, ''),
    created: typeof v.created === 'string' ? v.created : '',
  };
  if (typeof v.selector === 'string' && v.selector.trim()) {
    if (doc && !validSelector(v.selector, doc)) return null;
    rule.selector = v.selector.trim();
  }
  const t = v.text as Record<string, unknown> | undefined;
  if (t && typeof t === 'object' && typeof t.startsWith === 'string' && t.startsWith.trim()) {
    rule.text = { startsWith: t.startsWith };
    if (typeof t.singleLink === 'boolean') rule.text.singleLink = t.singleLink;
    if (typeof t.maxLength === 'number' && t.maxLength > 0) rule.text.maxLength = t.maxLength;
  }
  if (!rule.selector && !rule.text) return null;
  if (v.stage === 'page' || v.stage === 'article') rule.stage = v.stage;
  return rule;
}

function validSelector(selector: string, doc: Document): boolean {
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Folds case and every kind of space, so that "Lire aussi :" matches "Lire aussi :" with a narrow space. */
export const foldText = (s: string) =>
  s
    .replace(/[\s\u00a0\u202f\u2009\u200b]+/g, ' ')
    .trim()
    .toLowerCase();

/** Whether a block's text has the rule's text shape. */
export function matchesText(el: Element, text: string, cond: TextCondition): boolean {
  if (text.length > (cond.maxLength ?? DEFAULT_TEXT_MAX)) return false;
  if (!foldText(text).startsWith(foldText(cond.startsWith))) return false;
  if (cond.singleLink === undefined) return true;
  const one = el.getElementsByTagName('a').length === 1 && linkDensity(el, text) >= 0.5;
  return one === cond.singleLink;
}

// Candidates for a rule whose selector does not start with a tag (hand-written ones): any block-like element.
const ANY_BLOCK = new Set(
  'P DIV SPAN LI UL OL H1 H2 H3 H4 H5 H6 ASIDE SECTION HEADER FOOTER NAV FIGURE FIGCAPTION BLOCKQUOTE TABLE A DL DT DD SMALL STRONG EM B I ARTICLE FORM'.split(
    ' ',
  ),
);

/** The tag the selector's last compound names, upper-case; null when it names none. */
function subjectTag(selector: string): string | null {
  const last = selector.split(',').map(
    (s) =>
      s
        .trim()
        .split(/[\s>+~]+/)
        .pop() ?? '',
  );
  const tagsOf = last.map((c) => /^([a-z][a-z0-9-]*)/i.exec(c)?.[1]?.toUpperCase() ?? null);
  return tagsOf.length === 1 ? tagsOf[0]! : null;
}

/** The engine's rule for a reader's site rule: removes what it matches, prose and pictures included. */
export function toCleanupRule(rule: SiteRule): CleanupRule {
  const tag = rule.selector ? subjectTag(rule.selector) : null;
  const stage: CleanupStage = ruleStage(rule);
  const { selector, text: cond } = rule;
  return {
    id: rule.id,
    reason: `The reader's own rule for ${rule.site}.`,
    languages: ['*'],
    fixtures: [],
    stage,
    removesWidgets: true,
    removesProse: true,
    tags: tag ? new Set([tag]) : ANY_BLOCK,
    maxLength: cond ? (cond.maxLength ?? DEFAULT_TEXT_MAX) : Number.POSITIVE_INFINITY,
    match(el, text) {
      if (selector) {
        try {
          if (!el.matches(selector)) return false;
        } catch {
          return false;
        }
      }
      return cond ? matchesText(el, text || normalizedText(el), cond) : true;
    },
  };
}

/** The rules of `rules` for the page at `url`. */
export function rulesForSite(rules: readonly SiteRule[], url: string): SiteRule[] {
  const site = siteOf(url);
  return site ? rules.filter((r) => r.site === site) : [];
}
