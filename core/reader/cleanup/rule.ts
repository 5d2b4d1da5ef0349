export interface CleanupContext {
  /** The page as the reader saw it, untouched: for page-wide facts such as repeated blocks. */
  readonly page: Document;
  /** The reader keeps captions: rules must not treat a caption as noise. */
  readonly keepCaptions: boolean;
  /** The article's title, once Readability has found it ("" before). */
  title: string;
  readonly url: string;
  /** Computes a page-wide fact once per extraction. */
  memo<T>(key: string, compute: () => T): T;
}

/** The subtree one cleanup pass works on. */
export interface CleanupScope {
  readonly root: Element;
  /** Length of an element's raw text (before whitespace folding), measured once per pass. */
  rawLength(el: Element): number;
  /** The P elements below root in document order (what getElementsByTagName('P') finds), found once per pass. */
  readonly paragraphs: readonly Element[];
}

/**
 * "page": before Readability, on a copy of the page; "article": on Readability's result;
 * "orphans": after that, for what earlier removals left without content (empty box labels).
 */
export type CleanupStage = 'page' | 'article' | 'orphans';

export interface CleanupRule {
  id: string;
  /** Why the rule exists: what it removes and why Readability leaves it in. */
  reason: string;
  /** Primary language subtags its text patterns cover; "*" for markup-only rules. */
  languages: readonly string[];
  /** Fixtures under tests/fixtures/ whose expected output needs this rule. */
  fixtures: readonly string[];
  stage: CleanupStage;
  /** Skipped when the reader asked to keep captions. */
  captionRule?: boolean;
  /**
   * Removes whole widgets (share bars with icons, teasers with thumbnails). Other rules
   * never remove an element that holds a picture or video: text rules remove text.
   */
  removesWidgets?: boolean;
  /** May remove a block holding prose: the reader's own rules only (the reader chose the block; see site-rules/). */
  removesProse?: boolean;
  /** Upper-case tag names of candidate elements. */
  tags: ReadonlySet<string>;
  /** Class and id hint: any element whose `class id` string matches is a candidate too. */
  markup?: RegExp;
  /**
   * Longest normalized text a candidate may have; longer ones are never matched. Keeps
   * text rules on short blocks, where a pattern cannot hit the article's prose.
   */
  maxLength: number;
  /** The same limit for candidates found by their markup (a whole newsletter box); maxLength by default. */
  markupMaxLength?: number;
  /**
   * Whether to remove the candidate: true, or other elements to remove instead (a label
   * together with the list it introduces). `text` is its whitespace-folded text;
   * `markupHit` whether its class or id matched `markup`.
   */
  match(
    el: Element,
    text: string,
    hit: { markup: boolean },
    ctx: CleanupContext,
    scope: CleanupScope,
  ): boolean | Element[];
}

export const tags = (...names: string[]): ReadonlySet<string> => new Set(names.map((n) => n.toUpperCase()));

/** Blocks that are read as one unit: the candidates of text rules. */
export const TEXT_BLOCKS = tags(
  'p',
  'div',
  'span',
  'li',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'aside',
  'section',
  'header',
  'footer',
  'figcaption',
  'small',
  'strong',
  'b',
  'em',
  'i',
  'a',
  'dt',
  'dd',
  'time',
  'label',
  'blockquote',
  'ul',
  'ol',
  'nav',
);

/** Markup hint from class-name fragments: "share" matches "td-share-bar", "sharedaddy". */
export function classHint(fragments: readonly string[]): RegExp {
  return new RegExp(fragments.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

/** Regex alternation of phrases, tolerant of typographic apostrophes and spacing. */
export function phrases(list: readonly string[]): string {
  return list
    .map((p) =>
      p
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/'/g, "['’]")
        .replace(/ /g, '\\s+'),
    )
    .join('|');
}

/** Whole-text matcher over a list of phrases, with an optional trailing colon. */
export function wholeText(list: readonly string[], suffix = String.raw`\s*[:：]?`): RegExp {
  return new RegExp(`^(?:${phrases(list)})${suffix}$`, 'iu');
}
