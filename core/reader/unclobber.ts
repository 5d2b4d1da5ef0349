// DOM clobbering: a form's named controls shadow its own properties (`<form><input name="parentNode">` makes
// `form.parentNode` that input), in every script world, the content script's too. Readability walks the tree
// through such properties and loops forever on that form. Forms never reach the article (the sanitizer drops
// them), but what they wrap may be the article (some sites wrap the whole page in one): so each form becomes a div
// with the same attributes and children in our copy of the page. Everything here that touches the live page goes
// through the prototypes' own accessors and methods, which no name can shadow, or through a TreeWalker.

type Getter = (this: Node) => unknown;

/** The accessor or method `name` as the prototype chain of `object` defines it (never its own, clobberable, value). */
export function fromPrototypes(object: object, name: string, kind: 'get' | 'value'): (...args: never[]) => unknown {
  for (let proto = Reflect.getPrototypeOf(object); proto; proto = Reflect.getPrototypeOf(proto)) {
    const descriptor: PropertyDescriptor | undefined = Object.getOwnPropertyDescriptor(proto, name);
    const found: unknown = descriptor ? Reflect.get(descriptor, kind) : undefined;
    if (typeof found === 'function') return found as (...args: never[]) => unknown;
  }
  throw new Error(`no ${name} on the prototypes`);
}

/**
 * The elements of a collection, read through its prototype: an index or `length` read on jsdom's collection first
 * looks for an element of that name or id (a scan of the whole collection each time).
 */
export function listOf<T extends Element>(items: HTMLCollectionOf<T>): T[] {
  const length = (fromPrototypes(items, 'length', 'get') as () => number).call(items);
  const item = fromPrototypes(items, 'item', 'value') as (this: HTMLCollectionOf<T>, i: number) => T;
  const list: T[] = [];
  for (let i = 0; i < length; i++) list.push(item.call(items, i));
  return list;
}

/** What the extraction needs to know of a page before copying it, found in one walk. */
export interface PageSurvey {
  /** Elements, up to the first one past the limit. */
  elements: number;
  /** How deep they nest, up to the first level past the limit. */
  depth: number;
  /** Scripts other than JSON-LD, style elements, and the head's links and noscripts: left out of the copy. */
  dropped: Element[];
  /** Forms: divs in the copy. */
  forms: Element[];
  /** Elements with a style attribute: copied without it (see `copyPage`). */
  styled: Element[];
  /** The page's own img and source elements, whose addresses the article may load (see page-images.ts). */
  images: Element[];
  /** The elements that may say `itemprop="articleBody"`, in tree order (`copyPage` gives their copies). */
  articleBodies: Element[];
  /** Whether the page has an <article> element (the same). */
  article: boolean;
  /** The p, pre and article elements, in tree order (what readerable.ts weighs first). */
  blocks: Element[];
}

// A word of the attribute, whatever the whitespace: what the selector [itemprop~="articleBody"] may match (jsdom
// splits on more whitespace than browsers do); declared-container.ts asks the selector about these.
const ARTICLE_BODY = /(?:^|\s)articleBody(?:\s|$)/;

const JSON_LD = /^\s*application\/ld\+json\s*(?:;|$)/i;

/**
 * One loop over the elements under `root` (no recursion, whatever the depth): their number, how deep they nest,
 * and what `copyPage` leaves out, turns into divs or copies without style. It stops as soon as either limit is
 * passed. It runs on the live
 * page, forms included: it moves by the prototypes' own getters, which no control's name can shadow
 * (`form.parentElement` can be an input there); they cost less than a TreeWalker's moves in jsdom.
 */
export function surveyPage(root: Element, maxElements: number, maxDepth: number): PageSurvey {
  const doc = root.ownerDocument;
  const localName = fromPrototypes(root, 'localName', 'get') as (this: Element) => string;
  // The namespaced forms: the plain ones lower-case the name at every call (a fifth of this walk in jsdom).
  const getAttributeNS = fromPrototypes(root, 'getAttributeNS', 'value') as (
    this: Element,
    namespace: null,
    name: string,
  ) => string | null;
  const getAttributeNames = fromPrototypes(root, 'getAttributeNames', 'value') as (this: Element) => string[];
  const parentNode = fromPrototypes(root, 'parentNode', 'get') as (this: Node) => Node | null;
  const firstElementChild = fromPrototypes(root, 'firstElementChild', 'get') as (this: Element) => Element | null;
  const nextElementSibling = fromPrototypes(root, 'nextElementSibling', 'get') as (this: Element) => Element | null;
  const head = (fromPrototypes(doc, 'head', 'get') as (this: Document) => HTMLHeadElement | null).call(doc);
  const survey: PageSurvey = {
    elements: 1,
    depth: 0,
    dropped: [],
    forms: [],
    styled: [],
    images: [],
    articleBodies: [],
    article: false,
    blocks: [],
  };
  // Readability reads the head's title, metas and JSON-LD only. Its noscripts cannot be unwrapped into images
  // (an image never follows them there), and links are never read.
  const note = (el: Element, depth: number) => {
    const name = localName.call(el);
    if (name === 'p' || name === 'pre' || name === 'article') survey.blocks.push(el);
    if (
      name === 'style' ||
      (name === 'script' && !JSON_LD.test(getAttributeNS.call(el, null, 'type') ?? '')) ||
      (depth === 2 && (name === 'link' || name === 'noscript') && head && parentNode.call(el) === head)
    ) {
      survey.dropped.push(el);
      return;
    }
    // Noted here, in the walk already made: a selector query of the copy costs a walk more (in jsdom above all).
    if (name === 'img' || name === 'source') survey.images.push(el);
    // One call for the names (most elements have neither), then the namespaced form for the rare ones.
    const names = getAttributeNames.call(el);
    if (name === 'form') survey.forms.push(el);
    // A template's content is copied with it by the browser only.
    else if (name !== 'template' && names.includes('style') && getAttributeNS.call(el, null, 'style') !== null)
      survey.styled.push(el);
    if (name === 'article') survey.article = true;
    if (names.includes('itemprop') && ARTICLE_BODY.test(getAttributeNS.call(el, null, 'itemprop') ?? ''))
      survey.articleBodies.push(el);
  };
  note(root, 0);
  let depth = 0;
  let el = root;
  while (survey.elements <= maxElements && survey.depth <= maxDepth) {
    let next = firstElementChild.call(el);
    if (next) depth++;
    else {
      for (;;) {
        if (el === root) return survey;
        if ((next = nextElementSibling.call(el))) break;
        el = parentNode.call(el) as Element;
        depth--;
      }
    }
    el = next;
    survey.elements++;
    if (depth > survey.depth) survey.depth = depth;
    note(el, depth);
  }
  return survey;
}

/**
 * A copy of the surveyed page to extract from: its scripts (JSON-LD kept), style elements and the head's links and
 * noscripts left out, its forms turned into divs. Readability removes scripts and styles before it looks at
 * anything else, so it finds the same article; but copying them costs more than the rest (a copied style element
 * has its style sheet parsed again), and they are most of a page's weight. Subtrees without any of them are copied
 * whole by the browser; only their ancestors are walked, one call per level (the survey has bounded the depth).
 * The copies of the survey's articleBody candidates go into `articleBodies`, in tree order: found so, not by a
 * selector query of the copy (a walk of it all, slow in jsdom).
 *
 * Style attributes are not copied either: each one is parsed again on the copy (a third of the copy's cost in
 * jsdom), and they never reach the article (Readability drops them, the sanitizer too). Readability reads one thing
 * of them, whether the element is hidden (`display: none`, `visibility: hidden`): an element the page hides so
 * gets just that declaration, as the page's own parse of its style attribute reads it.
 */
export function copyPage(doc: Document, survey: PageSurvey, articleBodies: Element[] = []): Document {
  const cloneNode = fromPrototypes(doc, 'cloneNode', 'value') as (this: Node, deep: boolean) => Node;
  const copy = cloneNode.call(doc, false) as Document;
  const importNode = fromPrototypes(copy, 'importNode', 'value') as (this: Document, node: Node, deep: boolean) => Node;
  const createElement = fromPrototypes(copy, 'createElement', 'value') as (this: Document, tag: string) => Element;
  const root = doc.documentElement;
  if (!root) return cloneNode.call(doc, true) as Document;
  const call = <T>(name: string, kind: 'get' | 'value') => fromPrototypes(root, name, kind) as unknown as T;
  const firstChild = call<Getter>('firstChild', 'get');
  const nextSibling = call<Getter>('nextSibling', 'get');
  const parentNode = call<Getter>('parentNode', 'get');
  const appendChild = call<(this: Node, child: Node) => Node>('appendChild', 'value');
  const setAttribute = call<(this: Element, name: string, value: string) => void>('setAttribute', 'value');

  const dropped = new Set<Node>(survey.dropped);
  const forms = new Set<Node>(survey.forms);
  const styled = new Set<Node>(survey.styled);
  const wanted = new Set<Node>(survey.articleBodies);
  const onPath = new Set<Node>();
  for (const el of [...survey.dropped, ...survey.forms, ...survey.styled, ...survey.articleBodies]) {
    for (let n = parentNode.call(el) as Node | null; n && !onPath.has(n); n = parentNode.call(n) as Node | null) {
      onPath.add(n);
    }
  }
  const createElementNS = fromPrototypes(copy, 'createElementNS', 'value') as (
    this: Document,
    namespace: string | null,
    name: string,
  ) => Element;
  const attributes = call<(this: Element) => NamedNodeMap>('attributes', 'get');
  const namespaceURI = call<(this: Element) => string | null>('namespaceURI', 'get');
  const localName = call<(this: Element) => string>('localName', 'get');
  const prefix = call<(this: Element) => string | null>('prefix', 'get');
  const setAttributeNS = call<(this: Element, namespace: string | null, name: string, value: string) => void>(
    'setAttributeNS',
    'value',
  );
  const styleGetters = new Map<object | null, ((this: Element) => CSSStyleDeclaration) | null>();
  /** What Readability will see of el's style attribute: `display: none`, `visibility: hidden`, or nothing. */
  const hiddenBy = (el: Element): string => {
    const proto = Reflect.getPrototypeOf(el);
    let getter = styleGetters.get(proto);
    if (getter === undefined) {
      try {
        getter = fromPrototypes(el, 'style', 'get') as (this: Element) => CSSStyleDeclaration;
      } catch {
        getter = null; // an element without inline style (Readability checks for that too)
      }
      styleGetters.set(proto, getter);
    }
    const style = getter?.call(el);
    if (!style) return '';
    const hidden = [];
    if (style.display === 'none') hidden.push('display: none');
    if (style.visibility === 'hidden') hidden.push('visibility: hidden');
    return hidden.join('; ');
  };
  const qualifiedName = (el: Element) => {
    const before = prefix.call(el);
    return before ? `${before}:${localName.call(el)}` : localName.call(el);
  };
  /** A shallow copy of el made in the copy, without its style attribute; a div with its attributes for a form. */
  const shallowCopy = (el: Element, asDiv: boolean): Element => {
    const made = asDiv
      ? createElement.call(copy, 'div')
      : createElementNS.call(copy, namespaceURI.call(el), qualifiedName(el));
    const list = attributes.call(el);
    for (let i = 0; i < list.length; i++) {
      const attr = list.item(i)!;
      if (attr.name === 'style' && attr.namespaceURI === null) continue;
      try {
        setAttributeNS.call(made, attr.namespaceURI, attr.name, attr.value);
      } catch {
        // a name valid in the parser but not for setAttribute: the attribute is not worth keeping
      }
    }
    const hidden = hiddenBy(el);
    if (hidden) setAttribute.call(made, 'style', hidden);
    return made;
  };
  // Each child goes into its parent once its own subtree is complete, as cloneNode builds: a node put into the
  // document costs a walk over its ancestors and over its subtree, one put into a detached parent does not.
  const copyChildren = (from: Node, into: Node): void => {
    for (let child = firstChild.call(from) as Node | null; child; child = nextSibling.call(child) as Node | null) {
      if (dropped.has(child)) continue;
      const reshaped = forms.has(child) || styled.has(child);
      const shallow = reshaped || onPath.has(child);
      const made = reshaped ? shallowCopy(child as Element, forms.has(child)) : importNode.call(copy, child, !shallow);
      if (wanted.has(child)) articleBodies.push(made as Element);
      if (shallow) copyChildren(child, made);
      appendChild.call(into, made);
    }
  };
  copyChildren(doc, copy);
  return copy;
}
