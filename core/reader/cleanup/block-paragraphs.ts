// Readability turns a <div> whose children are not among the few blocks it knows into a <p>, even when it holds a
// <header>, a <section> or a <figure> (and a page's script can build any tree). No HTML parser makes such a tree:
// a block start tag closes the open <p>. So the article's HTML would parse back into another tree
// (`<p><header>x</header></p>` becomes `<p></p><header>x</header><p></p>`): in the popup, in saved copies, in
// exports. A <div> holds anything, and reads the same. Found by tests/unit/reader/cleanup-properties.test.ts.

import { tagSet } from './dom.ts';

// Start tags that close an open <p> (the HTML standard's "in body" insertion mode), upper-case.
const CLOSES_P = tagSet(
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'ul',
  'xmp',
);

/** Turns every <p> under root that holds an element closing a paragraph into a <div> with the same attributes. */
export function retagBlockParagraphs(root: Element): void {
  const holders: Element[] = [];
  for (const p of Array.from(root.getElementsByTagName('p'))) {
    // Paragraphs hold a few links and emphases at most: a loop over each one's elements (no recursion) is cheap.
    let el = p.firstElementChild;
    while (el && !CLOSES_P.has(el.tagName)) {
      let next = el.firstElementChild;
      for (let up: Element | null = el; !next && up && up !== p; up = up.parentElement) next = up.nextElementSibling;
      el = next;
    }
    if (el) holders.push(p);
  }
  for (const p of holders) {
    const div = p.ownerDocument.createElement('div');
    for (const { name, value } of Array.from(p.attributes)) div.setAttribute(name, value);
    div.append(...Array.from(p.childNodes));
    p.replaceWith(div);
  }
}
