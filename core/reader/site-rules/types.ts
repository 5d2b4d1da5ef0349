// The reader's site rules and the provenance they are learned from: plain JSON data, shared with the UI.

export interface TextCondition {
  /** The block's clean text starts with this (case and spacing tolerant). */
  startsWith: string;
  /** The block is one link (with at most a short label before it). */
  singleLink?: boolean;
  /** Longest text the block may have (500 by default). */
  maxLength?: number;
}

export interface SiteRule {
  /** `site:` and a short id. */
  id: string;
  /** The host it applies on, without `www.` (`journal.example`). */
  site: string;
  /** ISO 8601. */
  created: string;
  /** A CSS selector over the page's original markup. */
  selector?: string;
  /** A condition on the block's text. */
  text?: TextCondition;
  /**
   * 'page': before Readability scores (containers, selectors that name ancestors); 'article': on Readability's
   * result (blocks inside the article, text conditions). By default 'page' with a selector, else 'article'.
   */
  stage?: 'page' | 'article';
}

export interface BlockSource {
  /** Lower-case tag name in the original markup. */
  tag: string;
  /** Readable path from body: tags with their stable id and classes (`body > main > article > aside.promo`). */
  path: string;
  /** Exact CSS path in the original page (`html > body > div:nth-of-type(2) > …`), for finding it again there. */
  locator: string;
  /** The stable id, if any (generated-looking ones dropped). */
  id: string | null;
  /** The stable classes (hashed or generated-looking ones dropped). */
  classes: string[];
  role: string | null;
}

export interface TextShape {
  /** The block's first characters (clean text, whitespace folded). */
  start: string;
  /** One link holds most of the block's text. */
  singleLink: boolean;
  /** Length of the block's clean text. */
  length: number;
}

export interface BlockProvenance {
  /** Position among the article's direct blocks (`articleBlocks`). */
  index: number;
  /** The clean block's tag, lower-case. */
  tag: string;
  /** Null for blocks Readability made itself (loose text it wrapped in a paragraph). */
  source: BlockSource | null;
  text: TextShape;
}

export interface RefusedRule {
  /** The site rule's id. */
  rule: string;
  reason: 'too-much-text' | 'first-paragraph';
  /** Share of the article's text it would have removed (0..1). */
  share: number;
}
