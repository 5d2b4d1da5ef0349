// What the cleanup engine never hands to a rule, whatever the rule would say: words of a sentence, and roles read
// from an anchor made of the element's own text.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { PROSE, removedBy } from '../../support/cleanup.ts';
import { createContext, runCleanup } from '../../../core/reader/cleanup/run-cleanup.ts';
import { tags, type CleanupRule } from '../../../core/reader/cleanup/rule.ts';

describe('cleanup engine', () => {
  it('keeps a link in a sentence, even wrapped in an inline span that holds only it', () => {
    // A news site's entity link: <span itemscope><a href="/thema/…">…</a></span> inside the paragraph.
    const entity = `<span itemscope itemtype="http://schema.org/Organization"><a href="/thema/acme-bank">Acme Bank</a></span>`;
    expect(removedBy('tag-labels', `<p>${PROSE} Protesters met outside ${entity} branches on Friday.</p>`)).toEqual([]);
    // The same link standing as its own block is still a tag label.
    expect(removedBy('tag-labels', `<p>${PROSE}</p><div>${entity}</div>`)).toEqual(['Acme Bank']);
  });

  it("reads no role from a heading's anchor made of its own words", () => {
    // "grundlegende" holds "legende", a caption class word.
    const heading = 'Im Frühjahr bietet der Verband zwei Seminare an, über grundlegende Techniken der Pressearbeit.';
    const id = 'im-fruhjahr-bietet-der-verband-zwei-seminare-an-uber-grundlegende-techniken-der-pressearbeit';
    expect(removedBy('caption', `<h3 id="${id}">${heading}</h3><p>${PROSE}</p>`)).toEqual([]);
    // A class or an id of its own still says it.
    expect(removedBy('caption', `<div id="bildlegende-oben">${heading}</div><p>${PROSE}</p>`)).toEqual([heading]);
  });

  it("hands rules the article's paragraphs as getElementsByTagName finds them, and visits no removed subtree", () => {
    const doc = new JSDOM(
      `<body><div id="a"><p>one <b>x</b></p><aside class="x"><p>two</p><div>in box</div></aside><div><p>three</p><p>four<p>five</p></p></div></div></body>`,
    ).window.document;
    const root = doc.getElementById('a')!;
    const expected = [...root.getElementsByTagName('P')].map((p) => p.textContent ?? '');
    const seen: string[] = [];
    let paragraphs: string[] = [];
    const probe: CleanupRule = {
      ...{ id: 'probe', reason: '', languages: ['*'], fixtures: [], stage: 'article', maxLength: 100 },
      tags: tags('p', 'div', 'aside', 'b'),
      match(el, text, _hit, _ctx, scope) {
        paragraphs = scope.paragraphs.map((p) => p.textContent ?? '');
        seen.push(el.tagName);
        return el.tagName === 'ASIDE';
      },
    };
    const removed = runCleanup(root, [probe], 'article', createContext(doc, 'https://x.test/'), {
      keepCaptions: false,
    });
    expect(paragraphs).toEqual(expected);
    expect(removed.map((r) => r.text)).toEqual(['twoin box']);
    // The aside is judged, then nothing inside it; the walk goes on after it (the bold word is part of a sentence).
    expect(seen).toEqual(['P', 'ASIDE', 'DIV', 'P', 'P', 'P', 'P']);
  });
});
