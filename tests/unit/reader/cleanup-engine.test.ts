// What the cleanup engine never hands to a rule, whatever the rule would say: words of a sentence, and roles read
// from an anchor made of the element's own text.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

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
});
