// leading-chrome: metadata before the article's prose goes, in any language; the standfirst, headings, pictures,
// tables of contents and dates that are part of the text stay.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const ICON = '<svg viewBox="0 0 10 10"><path d="M0 0h10v10z"></path></svg>';
const clean = (body: string) => removedBy('leading-chrome', body);

describe('leading-chrome', () => {
  it.each([
    '16 marca 2021',
    '7. oktober 2020',
    '4 de mayo de 2022 - 00:38',
    '2021-10-16 | Botschaft',
    'Opublikowano: 2021-04-29 17:13:04.031886+02:00',
    'Mittwoch, 01. November 2023 - Handel',
    'By Jane Doe',
    'VON Sina Giebel',
    'Przez Annę Kowalską',
  ])('removes "%s" before the first paragraph of prose', (line) => {
    expect(clean(`<p>${line}</p><p>${PROSE}</p><p>${PROSE}</p>`)).toEqual([line]);
  });

  it('removes a date whose element carries an icon, and boxes named for metadata, but not a picture', () => {
    const head =
      `<div class="article-meta"><span>Christoph Muster</span></div>` +
      `<p><time datetime="2020-04-11">${ICON}Aktualisiert: 11.04.2020, 10:27</time></p>` +
      `<figure><img src="/a.jpg" alt=""><figcaption>11.04.2020</figcaption></figure>`;
    expect(clean(`${head}<p>${PROSE}</p>`)).toEqual(['Christoph Muster', 'Aktualisiert: 11.04.2020, 10:27']);
  });

  it('removes the name in an author box with a photo, not the photo; keeps a byline that opens a sentence', () => {
    const box = '<div class="post-authors"><img src="/jane.jpg" alt="Jane Doe"><h5>Jane Doe</h5></div>';
    expect(clean(`${box}<p><strong><em>By Jane Doe</em></strong>: ${PROSE}</p>`)).toEqual(['Jane Doe']);
  });

  it('keeps a short standfirst, headings and a table of contents', () => {
    const head =
      '<p>The bridge will be repaired before the winter, the council decided.</p>' +
      '<h2>Budget 2021</h2><div><a href="#costs">The costs</a></div>';
    expect(clean(`${head}<p>${PROSE}</p>`)).toEqual([]);
  });

  it('keeps a list of links and a metadata box that holds the headline', () => {
    const head =
      '<ul><li><a href="/bbedit">BBEdit</a></li><li><a href="/acorn">Acorn</a></li></ul>' +
      '<div class="article-cover-meta"><h2>Why neon is the symbol of a century</h2></div>';
    expect(clean(`${head}<p>${PROSE}</p>`)).toEqual([]);
  });

  it('removes a lone link before the prose, not after it', () => {
    expect(
      clean(`<div><a href="/politics">Politics</a></div><p>${PROSE}</p><div><a href="/x">Read more</a></div>`),
    ).toEqual(['Politics']);
  });

  it('past a standfirst, removes bylines and marked dates only; nothing after the second paragraph', () => {
    const body =
      `<p>${PROSE}</p><p>Von Anna Muster</p><p><time>29.02.2020</time></p><p>Termin: 29.02.2020, 19 Uhr</p>` +
      `<p>${PROSE}</p><p>16 marca 2021</p><p>By Jane Doe</p>`;
    expect(clean(body)).toEqual(['Von Anna Muster', '29.02.2020']);
  });

  it('removes nothing from a page without a paragraph of prose', () => {
    expect(clean('<p>16 marca 2021</p><div><a href="/x">Politics</a></div>')).toEqual([]);
  });

  it('removes a line of metadata fields, the site menu and a name under its photo before the prose', () => {
    const head =
      '<nav><ul><li><a href="/">Home</a></li> <li><a href="/shop">Shop</a></li> <li><a href="/about">About</a></li></ul></nav>' +
      '<p>Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN <a href="/fashion">Fashion</a> | 0 COMMENTS</p>' +
      '<div><p><img src="/mark.jpg" alt="Mark Lavin"></p><h5>Mark Lavin</h5></div>';
    expect(clean(`${head}<p>${PROSE}</p>`)).toEqual([
      'Home Shop About',
      'Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0 COMMENTS',
      'Mark Lavin',
    ]);
  });

  it('keeps a table of contents in a nav, a field line without a date and a caption repeating its alt text', () => {
    const head =
      '<nav><a href="#costs">The costs</a> <a href="#works">The works</a></nav>' +
      '<p>Budget | Works | Calendar</p>' +
      '<figure><img src="/bridge.jpg" alt="The old bridge"><figcaption>The old bridge</figcaption></figure>';
    expect(clean(`${head}<p>${PROSE}</p>`)).toEqual([]);
  });
});
