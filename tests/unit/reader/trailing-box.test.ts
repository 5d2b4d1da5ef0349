// trailing-box: a box named as furniture by a whole word of its class or id, after the last paragraph of prose
// that is not inside such a box, goes whole, prose and all.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

// The engine records removed texts cut at 160 characters: compare their starts.
const clean = (body: string) => removedBy('trailing-box', body).map((t) => t.slice(0, 40));
const BIO =
  'Jule Radeck studied sports science before she moved to Hamburg as a trainee; in her free time she swims, rides her bike along the river and races in open water every summer.';

describe('trailing-box', () => {
  it('removes a teaser box with a paragraph after the last paragraph of prose', () => {
    expect(clean(`<p>${PROSE}</p><section class="post-teaser"><p>${BIO}</p></section>`)).toEqual([BIO.slice(0, 40)]);
  });

  it('does not take the prose of a box for the end of the article', () => {
    const removed = clean(
      `<p>${PROSE}</p><div class="nl-teaser"><p>${BIO}</p></div><div id="ads_2"><p>${BIO}</p></div>`,
    );
    expect(removed).toEqual([BIO.slice(0, 40), BIO.slice(0, 40)]);
  });

  it('removes an author box after the article, biography and all (author, autor)', () => {
    expect(clean(`<p>${PROSE}</p><div class="post-author"><p>${BIO}</p></div>`)).toEqual([BIO.slice(0, 40)]);
    expect(clean(`<p>${PROSE}</p><aside id="autor-box"><p>${BIO}</p></aside>`)).toEqual([BIO.slice(0, 40)]);
    // Not a word of a longer one: "authority" is no author box.
    expect(clean(`<p>${PROSE}</p><div class="authority-quote"><p>${BIO}</p></div>`)).toEqual([]);
  });

  it('removes a call-to-action or promo box after the article (a membership appeal)', () => {
    expect(clean(`<p>${PROSE}</p><div class="nrplus-cta-wrap"><h4>Something</h4> <p>${BIO}</p></div>`)).toEqual([
      'Something ' + BIO.slice(0, 30),
    ]);
    expect(clean(`<p>${PROSE}</p><div class="promo"><p>${BIO}</p></div>`)).toEqual([BIO.slice(0, 40)]);
    // Whole words only: "promotion" and "octal" name no box.
    expect(clean(`<p>${PROSE}</p><div class="promotion-rules octal"><p>${BIO}</p></div>`)).toEqual([]);
  });

  it('keeps a box that comes before the article ends, and one that holds the end', () => {
    expect(clean(`<div class="teaser-box"><p>${BIO}</p></div><p>${PROSE}</p>`)).toEqual([]);
    expect(clean(`<div class="widget"><p>${PROSE}</p></div>`)).toEqual([]);
  });

  it('reads whole words of the class: downloads, shadow and headline are not ads', () => {
    expect(
      clean(
        `<p>${PROSE}</p><div class="downloads"><p>${BIO}</p></div><div class="shadow headline"><p>${BIO}</p></div>`,
      ),
    ).toEqual([]);
  });

  it('removes nothing when the article has no paragraph of prose outside boxes', () => {
    expect(clean(`<div class="teaser"><p>${PROSE}</p></div><div class="teaser"><p>${BIO}</p></div>`)).toEqual([]);
  });

  it('removes the short end a "Comments" heading opens, with what follows it', () => {
    const article = `<p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p>`;
    expect(clean(`${article}<h3>Kommentare</h3><p>${BIO}</p>`)).toEqual(['Kommentare', BIO.slice(0, 40)]);
    expect(clean(`<p>${PROSE}</p><p>${PROSE}</p><h3>Comments</h3><div><p>Advertise with us.</p></div>`)).toEqual([
      'Comments',
      'Advertise with us.',
    ]);
  });

  it('keeps such a heading when a long part of the article follows it', () => {
    expect(clean(`<h3>Kommentare</h3><p>${BIO}</p><p>${PROSE}</p><p>${PROSE}</p>`)).toEqual([]);
    // A biography's heading is not one: Readability's pages keep "About the author" and its paragraph.
    expect(clean(`${'<p>' + PROSE + '</p>'.repeat(1)}<p>${PROSE}</p><h3>About the author</h3><p>${BIO}</p>`)).toEqual(
      [],
    );
  });
});
