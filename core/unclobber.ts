// DOM clobbering: a form's named controls shadow its own properties (`<form><input name="parentNode">` makes
// `form.parentNode` that input), in every script world, the content script's too. Readability walks the tree
// through such properties and loops forever on that form. Forms never reach the article (the sanitizer drops
// them), but what they wrap may be the article (some sites wrap the whole page in one): so each form of our copy
// becomes a div with the same attributes and children, moved with the prototypes' own accessors, which names
// cannot shadow. The element count of the live page walks with a TreeWalker for the same reason.

type Getter = (this: Node) => unknown;

/** The accessor or method `name` as the prototype chain of `object` defines it (never its own, clobberable, value). */
function fromPrototypes(object: object, name: string, kind: 'get' | 'value'): (...args: never[]) => unknown {
  for (let proto = Reflect.getPrototypeOf(object); proto; proto = Reflect.getPrototypeOf(proto)) {
    const descriptor: PropertyDescriptor | undefined = Object.getOwnPropertyDescriptor(proto, name);
    const found: unknown = descriptor ? Reflect.get(descriptor, kind) : undefined;
    if (typeof found === 'function') return found as (...args: never[]) => unknown;
  }
  throw new Error(`no ${name} on the prototypes`);
}

/** Turns every form of `doc` (a copy of the page, ours to change) into a div; returns how many. */
export function unwrapForms(doc: Document): number {
  const byTag = fromPrototypes(doc, 'getElementsByTagName', 'value') as (
    this: Document,
    tag: string,
  ) => ArrayLike<Element>;
  const forms = Array.from(byTag.call(doc, 'form'));
  if (!forms.length) return 0;
  const create = fromPrototypes(doc, 'createElement', 'value') as (this: Document, tag: string) => Element;
  const sample = forms[0]!;
  const call = <T>(name: string, kind: 'get' | 'value') => fromPrototypes(sample, name, kind) as unknown as T;
  const firstChild = call<Getter>('firstChild', 'get');
  const parentNode = call<Getter>('parentNode', 'get');
  const appendChild = call<(this: Node, child: Node) => Node>('appendChild', 'value');
  const replaceChild = call<(this: Node, next: Node, old: Node) => Node>('replaceChild', 'value');
  const names = call<(this: Element) => string[]>('getAttributeNames', 'value');
  const getAttribute = call<(this: Element, name: string) => string | null>('getAttribute', 'value');
  for (const form of forms) {
    const div = create.call(doc, 'div');
    for (const name of names.call(form)) {
      try {
        div.setAttribute(name, getAttribute.call(form, name) ?? '');
      } catch {
        // a name valid in the parser but not for setAttribute: the attribute is not worth keeping
      }
    }
    for (let child = firstChild.call(form) as Node | null; child; child = firstChild.call(form) as Node | null) {
      appendChild.call(div, child);
    }
    const parent = parentNode.call(form) as Node | null;
    if (parent) replaceChild.call(parent, div, form);
  }
  return forms.length;
}

/**
 * The number of elements under `root` and how deep they nest, in one loop (no recursion, whatever the depth),
 * stopping as soon as either limit is passed. It runs on the live page, forms included: a TreeWalker moves by its
 * own methods, which no control's name can shadow (`form.parentElement` can be an input there).
 */
export function measureTree(root: Element, maxElements: number, maxDepth: number): { elements: number; depth: number } {
  const doc = root.ownerDocument;
  const createWalker = fromPrototypes(doc, 'createTreeWalker', 'value') as (
    this: Document,
    root: Node,
    whatToShow: number,
  ) => TreeWalker;
  const walker = createWalker.call(doc, root, 1 /* NodeFilter.SHOW_ELEMENT */);
  let elements = 1;
  let depth = 0;
  let deepest = 0;
  while (elements <= maxElements && deepest <= maxDepth) {
    if (walker.firstChild()) depth++;
    else {
      while (!walker.nextSibling()) {
        if (!walker.parentNode()) return { elements, depth: deepest };
        depth--;
      }
    }
    elements++;
    if (depth > deepest) deepest = depth;
  }
  return { elements, depth: deepest };
}
