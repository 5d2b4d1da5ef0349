import { describe, expect, it } from 'vitest';
import { joinSplitArticle } from '../../../core/reader/split-article.ts';
import { page } from '../../support/dom.ts';

const para = (n: number) =>
  `<p>Part ${n}: the heat pump market grew by forty percent last year, the industry association said on Monday, ` +
  `while sales of gas boilers fell for the first time in a decade.</p>`;
const section = (id: string, body: string, kind = 'co coText') =>
  `<section id="${id}" class="${kind}"><div class="co__main">${body}</div></section>`;

/** Readability's answer: the page's block `id` alone, as a copy in the page's document. */
function kept(doc: Document, id: string): Element {
  const root = doc.createElement('div');
  root.innerHTML = `<div id="readability-page-1">${doc.getElementById(id)!.innerHTML}</div>`;
  return root;
}

describe('joinSplitArticle', () => {
  it('gives back like blocks on both sides, passing over an empty ad slot, in the page order', () => {
    const doc = page(`<html><body><div class="content">
      ${section('a', para(1))}<section class="co ad"><ins></ins></section>
      ${section('b', para(2) + para(3) + para(4))}${section('c', `${para(5)}<p>See <a href="/x">the study</a>.</p>`)}
      </div><div class="more"><p>${'Other story. '.repeat(10)}</p></div></body></html>`);
    const root = kept(doc, 'b');
    expect(joinSplitArticle(doc, root)).toBe(2);
    expect([...root.getElementsByTagName('p')].map((p) => (p.textContent ?? '').slice(0, 6))).toEqual([
      'Part 1',
      'Part 2',
      'Part 3',
      'Part 4',
      'Part 5',
      'See th',
    ]);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://news.example/x');
  });

  it('leaves blocks of another kind, link lists and blocks without prose', () => {
    const links = `<p><a href="/1">${'A linked headline of another story. '.repeat(3)}</a></p>`;
    const doc = page(`<html><body><div class="content">
      ${section('a', para(1), 'co coTeaser')}${section('b', para(2) + para(3))}${section('c', links)}
      ${section('d', '<p>Short.</p>')}</div></body></html>`);
    expect(joinSplitArticle(doc, kept(doc, 'b'))).toBe(0);
  });

  it('stops at a block holding more than the article (the page around it)', () => {
    const doc = page(`<html><body><div class="wrap">
      <div class="col" id="main">${para(1)}${para(2)}${'<p>Sidebar text that Readability left out on purpose.</p>'.repeat(8)}</div>
      <div class="col">${para(9)}</div></div></body></html>`);
    const root = doc.createElement('div');
    root.innerHTML = `<div id="readability-page-1">${para(1)}${para(2)}</div>`;
    expect(joinSplitArticle(doc, root)).toBe(0);
  });
});
