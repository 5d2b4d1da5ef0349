// orphan-label's closing heading: a heading with nothing after it, once the cleanup is done, labels a widget that
// is gone, whatever its words; a heading followed by text or a picture stays.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const clean = (body: string) => removedBy('orphan-label', body);

describe('orphan-label on closing headings', () => {
  it('removes a heading that closes the article', () => {
    expect(clean(`<p>${PROSE}</p><h2>Auch auf unserer Seite</h2>`)).toEqual(['Auch auf unserer Seite']);
    expect(clean(`<p>${PROSE}</p><div><h3>Empfohlene Beiträge</h3><div></div></div>`)).toEqual(['Empfohlene Beiträge']);
  });

  it('keeps a heading followed by text or by a picture', () => {
    expect(clean(`<p>${PROSE}</p><h2>Fazit</h2><p>Short end.</p>`)).toEqual([]);
    expect(clean(`<p>${PROSE}</p><h2>Die Karte</h2><img src="/map.png" alt="">`)).toEqual([]);
    // A chart drawn in svg has text of its own (its labels).
    const chart = `<svg viewBox="0 0 9 9"><rect width="9" height="9"/><text x="1" y="5">2019</text></svg>`;
    expect(clean(`<p>${PROSE}</p><h2>Die Grafik</h2>${chart}`)).toEqual([]);
  });

  it('removes a heading followed by svg icons only, bare or wrapped', () => {
    const icon = `<svg viewBox="0 0 9 9"><path d="M0 0h9v9z"/></svg>`;
    expect(clean(`<p>${PROSE}</p><h2>Verpasse keine Story mehr!</h2>${icon}`)).toEqual(['Verpasse keine Story mehr!']);
    expect(clean(`<p>${PROSE}</p><h2>Teilen</h2><div><a href="/s">${icon}</a></div>`)).toEqual(['Teilen']);
  });
});
