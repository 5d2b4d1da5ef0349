import { isProbablyReaderable } from '@mozilla/readability';

// "Does this look like an article?" Readability's check counts only paragraphs of 140 characters or more, so news
// written in short paragraphs (the BBC's one or two sentences), briefs and pages whose text sits in lists were
// turned away: 5 of the 91 news articles of the article-extraction dev corpus (bench/readerable.ts). A page that
// says it is an article (Open Graph, or schema.org as its own main entity) and has some prose is one too.

/** The prose a self-declared article needs: this many characters in blocks of at least BLOCK_MIN characters. */
const PROSE_MIN = 400;
const BLOCK_MIN = 40;
const PROSE_BLOCKS = 'p, pre, blockquote, li, [itemprop~="articleBody"]';
/** schema.org types of an article: Article and its kinds (NewsArticle, ReportageNewsArticle…), BlogPosting, Report. */
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report)$/;

/** `blocks`: the page's p, pre and article elements in tree order, when a walk has found them already (unclobber.ts). */
export function looksLikeArticle(doc: Document, isVisible: (node: Node) => boolean, blocks?: Element[]): boolean {
  return probablyReaderable(doc, isVisible, blocks) || (declaresArticle(doc) && hasProse(doc, isVisible));
}

/**
 * Readability's isProbablyReaderable, first on the blocks alone: it weighs them before the <div>s holding <br>s, so
 * their weight alone says yes as the whole check would, without its two selector queries (slow in jsdom).
 */
export function probablyReaderable(doc: Document, isVisible: (node: Node) => boolean, blocks?: Element[]): boolean {
  const options = { visibilityChecker: isVisible };
  const given = { querySelectorAll: (selector: string) => (selector === 'div > br' ? [] : blocks) };
  return (
    (!!blocks && isProbablyReaderable(given as unknown as Document, options)) || isProbablyReaderable(doc, options)
  );
}

/**
 * og:type "article", or a JSON-LD article at the top of a script (alone, in a list, in its @graph, or as the
 * mainEntity of its WebPage). Not one deeper: a home page lists its stories as NewsArticles in an ItemList.
 */
export function declaresArticle(doc: Document): boolean {
  const og = doc.querySelector('meta[property="og:type" i]')?.getAttribute('content')?.trim().toLowerCase();
  if (og === 'article') return true;
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // a broken block says nothing
    }
    for (const node of topNodes(data)) if (typesOf(node).some((type) => ARTICLE_TYPE.test(type))) return true;
  }
  return false;
}

function topNodes(data: unknown): object[] {
  const list = Array.isArray(data) ? data : [data];
  return list.flatMap((node: unknown) => {
    if (!node || typeof node !== 'object') return [];
    const { '@graph': graph, mainEntity } = node as { '@graph'?: unknown; mainEntity?: unknown };
    const also: unknown[] = [...(Array.isArray(graph) ? (graph as unknown[]) : []), mainEntity];
    return [node, ...also.filter((n): n is object => !!n && typeof n === 'object' && !Array.isArray(n))];
  });
}

function typesOf(node: object): string[] {
  const type = (node as { '@type'?: unknown })['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Visible prose blocks add up to PROSE_MIN characters (a block inside a counted one is not counted again). */
function hasProse(doc: Document, isVisible: (node: Node) => boolean): boolean {
  let total = 0;
  const counted: Element[] = [];
  // Text written as lines between <br>s (as Readability's own check reads it) is prose too.
  const lines = new Set([...doc.querySelectorAll('br')].map((br) => br.parentElement).filter((el) => el !== null));
  for (const block of [...doc.querySelectorAll(PROSE_BLOCKS), ...lines]) {
    if (counted.some((outer) => outer.contains(block))) continue;
    if (!isVisible(block) || block.closest('nav, header, footer, [hidden]')) continue;
    const length = (block.textContent ?? '').replace(/\s+/g, ' ').trim().length;
    if (length < BLOCK_MIN) continue;
    counted.push(block);
    total += length;
    if (total >= PROSE_MIN) return true;
  }
  return false;
}
