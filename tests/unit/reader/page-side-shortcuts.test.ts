// The page-side shortcuts (cheaper in jsdom than selector queries) must give exactly what the queries give:
// Readability's isProbablyReaderable, and the articleBody elements of the copy.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProbablyReaderable } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { probablyReaderable } from '../../../core/reader/readerable.ts';
import { copyPage, surveyPage } from '../../../core/reader/unclobber.ts';
import { declaredArticleText, declaredContainer } from '../../../core/reader/declared-container.ts';
import { page } from '../../support/dom.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const LONG =
  'A paragraph long enough to count for the readerable check, about the council, the budget and the vote. '.repeat(2);
const visible = (node: Node) => !(node as Element).hasAttribute('hidden');

const pages: [string, string][] = [
  ...readdirSync(FIXTURES).map((name): [string, string] => [
    name,
    readFileSync(join(FIXTURES, name, 'source.html'), 'utf8'),
  ]),
  [
    'pre and article around paragraphs',
    `<body><pre>${LONG}</pre><article><p>${LONG}</p></article><p>${LONG}</p></body>`,
  ],
  ['paragraphs in list items only', `<body><ul>${`<li><p>${LONG}</p></li>`.repeat(8)}</ul></body>`],
  [
    'hidden and unlikely paragraphs',
    `<body><p hidden>${LONG.repeat(9)}</p><p class="sidebar">${LONG.repeat(9)}</p></body>`,
  ],
  ['lines between <br>s', `<body><div>${`${LONG}<br>`.repeat(12)}</div><p>${LONG}</p></body>`],
  ['too little text', `<body><p>${LONG}</p><div>short<br>lines</div></body>`],
];

describe('probablyReaderable', () => {
  it.each(pages)("answers as Readability's isProbablyReaderable: %s", (_, html) => {
    const doc = page(html);
    const expected = isProbablyReaderable(doc, { visibilityChecker: visible });
    expect(probablyReaderable(doc, visible)).toBe(expected);
    expect(probablyReaderable(doc, visible, surveyPage(doc.documentElement, 1e5, 512).blocks)).toBe(expected);
  });
});

describe("copyPage's articleBody elements", () => {
  it('are the copies of the marked elements, in tree order, that the selector finds in the copy', () => {
    const doc = page(`<html><head><meta itemprop="articleBody" content="x"></head><body>
      <div itemprop="text articleBody" id="a"><p itemprop="articleBody" id="b">${LONG}</p></div>
      <form id="f" itemprop="articleBody"><p style="color: red">${LONG.repeat(4)}</p></form>
      <span itemprop="articleBodyX">no</span><span itemprop="x&#xA0;articleBody" id="nbsp">?</span></body></html>`);
    const found: Element[] = [];
    const copy = copyPage(doc, surveyPage(doc.documentElement, 1e5, 512), found);
    expect(found).toEqual([...copy.querySelectorAll('[itemprop~="articleBody"]')]);
    expect(found.map((el) => el.id)).toEqual(['', 'a', 'b', 'f', 'nbsp']); // the last one as jsdom reads ~=
    // The largest of them that the body holds (not the head's meta), and the text of the outermost ones together.
    const box = declaredContainer(copy, ['T'], { articleBodies: found, article: false })!;
    expect(box.id).toBe('f');
    expect(
      declaredArticleText(box, found)
        .split('\n')
        .map((t) => t.trim().length),
    ).toEqual([0, LONG.trim().length, LONG.repeat(4).trim().length, 1]);
  });
});
