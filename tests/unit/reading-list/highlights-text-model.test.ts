// The article's text and its map to the DOM: the text is Article.text (toPlainText of the rendered article),
// and DOM ranges and text offsets convert both ways, through emoji, combining accents, RTL text, <pre>, <br>,
// SVG and whitespace of every kind.
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle, sanitizeHtml, toPlainText } from '../../../core/reader/index.ts';
import { anchorOfRange, anchorOfSpan } from '../../../core/reading-list/highlights/selectors.ts';
import { articleTextModel, isWhitespaceCode } from '../../../core/reading-list/highlights/text-model.ts';
import { fixtureNames, loadFixture } from '../../support/golden-fixtures.ts';

// One window for every test (making a JSDOM is slow); each test renders its article into the same element.
const shared = new JSDOM('<!DOCTYPE html><body><p>Before the article.</p><div class="content"></div>').window.document;

function rendered(html: string) {
  const doc = shared;
  const root = doc.querySelector('.content')!;
  root.innerHTML = html;
  return { doc, root, model: articleTextModel(root) };
}

const isSpace = (text: string, i: number) => isWhitespaceCode(text.charCodeAt(i));

/** The span with whitespace at its ends left out: what a range of it covers. */
function visible(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpace(text, start)) start++;
  while (end > start && isSpace(text, end - 1)) end--;
  return [start, end];
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('articleTextModel', () => {
  it('is toPlainText of the root: blocks apart, whitespace collapsed, SVG and scripts left out', () => {
    const { root, model } = rendered(
      '<h2>The  interview</h2>\n  <p>Mr <b>Obama</b>\u00a0said<br>yes.</p><svg><text>chart</text></svg><pre>a  b\n c</pre>',
    );
    expect(model.text).toBe(toPlainText(root));
    expect(model.text).toBe('The interview\n\nMr Obama said\nyes.\n\na  b\n c');
  });

  it('maps a selection across elements to offsets and back to the same characters', () => {
    const { doc, root, model } = rendered('<p>Mr <b>Obama</b> said <a href="/x">yes</a>.</p><p>Then he left.</p>');
    const range = doc.createRange();
    range.setStart(root.querySelector('b')!.firstChild!, 2);
    range.setEnd(root.querySelectorAll('p')[1]!.firstChild!, 4);
    const { start, end } = model.offsetsOf(range);
    expect(model.text.slice(start, end)).toBe('ama said yes.\n\nThen');
    const back = model.rangeOf(start, end);
    expect(back.toString()).toBe('ama said yes.Then');
    expect(model.offsetsOf(back)).toEqual({ start, end });
  });

  it('maps element boundary points like the text positions they stand for', () => {
    const { root, model } = rendered('<p>One</p><p><em>Two</em> three</p>');
    const second = root.querySelectorAll('p')[1]!;
    expect(model.offsetOf(second, 0)).toBe(model.text.indexOf('Two'));
    expect(model.offsetOf(second.firstChild!, 1)).toBe(model.text.indexOf(' three'));
    expect(model.offsetOf(root, root.childNodes.length)).toBe(model.text.length);
  });

  it('clamps points outside the article to its start or end', () => {
    const { doc, root, model } = rendered('<p>Inside text.</p>');
    const range = doc.createRange();
    range.setStart(doc.body.firstChild!.firstChild!, 3); // "Before the article."
    range.setEnd(root.firstChild!.firstChild!, 6);
    expect(model.offsetsOf(range)).toEqual({ start: 0, end: 6 });
    range.setStart(doc.body, 0);
    range.setEnd(doc.body, doc.body.childNodes.length);
    expect(model.offsetsOf(range)).toEqual({ start: 0, end: model.text.length });
  });

  it('never splits an emoji or a letter from its accents when a selection does', () => {
    const { doc, root, model } = rendered('<p>Bravo 👍🏽 et cafe\u0301 noir.</p>');
    const node = root.querySelector('p')!.firstChild as Text;
    const range = doc.createRange();
    // Inside the thumbs-up's surrogate pair, and between the "e" and its combining acute.
    range.setStart(node, node.data.indexOf('👍') + 1);
    range.setEnd(node, node.data.indexOf('\u0301'));
    const anchor = anchorOfRange(model, range)!;
    expect(anchor.quote.exact).toBe('👍🏽 et cafe\u0301');
    expect(model.rangeOf(anchor.position!.start, anchor.position!.end).toString()).toBe('👍🏽 et cafe\u0301');
  });

  it('keeps right-to-left text in logical order', () => {
    const { doc, root, model } = rendered('<p dir="rtl">שלום <b>עולם</b> ומה שלומך</p><p dir="rtl">مرحبا بالعالم</p>');
    const range = doc.createRange();
    range.setStart(root.querySelector('b')!.firstChild!, 0);
    range.setEnd(root.querySelectorAll('p')[1]!.firstChild!, 5);
    expect(anchorOfRange(model, range)!.quote.exact).toBe('עולם ומה שלומך\n\nمرحبا');
  });

  it('gives a collapsed range for a span of whitespace only', () => {
    const { model } = rendered('<p>One</p><p>Two</p>');
    const range = model.rangeOf(3, 5);
    expect(range.collapsed).toBe(true);
    expect(anchorOfSpan(model.text, 3, 5)).toBeNull();
  });
});

// Random article bodies made of the pieces real ones have.
const WORDS = [
  'Le',
  'café',
  'cafe\u0301',
  'naïve',
  '👍🏽',
  '🇫🇷',
  '𝒳',
  'שלום',
  'مرحبا',
  'road',
  'x',
  '1,5\u202f%',
  '«\u00a0oui\u00a0»',
];
const SPACE = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', ' \n ');
const inline: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), SPACE, fc.constantFrom('', 'b', 'a', 'em', 'br')), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) =>
    parts
      .map(([word, space, tag]) =>
        tag === '' ? `${word}${space}` : tag === 'br' ? `${word}<br>` : `<${tag}>${word}</${tag}>${space}`,
      )
      .join(''),
  );
const block = fc.oneof(
  inline.map((s) => `<p>${s}</p>`),
  inline.map((s) => `<h2>${s}</h2>`),
  fc
    .array(inline, { minLength: 1, maxLength: 3 })
    .map((items) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`),
  inline.map((s) => `<blockquote><p>${s}</p></blockquote>`),
  inline.map((s) => `<pre>${s.replace(/<[^>]+>/g, '')}</pre>`),
  fc.constant('<figure><svg><text>chart</text></svg><figcaption>Légende</figcaption></figure>'),
  fc.constant('<table><tr><td>a</td><td>b</td></tr></table>'),
);
const articleHtml = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => blocks.join('\n'));

describe('articleTextModel (property-based)', () => {
  it('offsets -> range -> offsets gives the span without its outer whitespace, and the same characters', () => {
    fc.assert(
      fc.property(articleHtml, fc.nat(), fc.nat(), (html, a, b) => {
        const { model } = rendered(html);
        const text = model.text;
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + (Math.max(a, b) % 40));
        const range = model.rangeOf(start, end);
        const [s, e] = visible(text, start, end);
        // rangeOf never splits a surrogate pair: it widens to the whole character.
        const got = model.offsetsOf(range);
        if (s === e) expect(range.collapsed).toBe(true);
        else {
          expect(got.start).toBeLessThanOrEqual(s);
          expect(got.end).toBeGreaterThanOrEqual(e);
          expect(got.end - got.start - (e - s)).toBeLessThanOrEqual(2);
          // A range's text includes an SVG's, which the article's text leaves out.
          expect(squash(range.toString().replaceAll('chart', ''))).toBe(squash(text.slice(got.start, got.end)));
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('text offsets of DOM points never go back in document order, and each points at its own character', () => {
    fc.assert(
      fc.property(articleHtml, (html) => {
        const { doc, root, model } = rendered(html);
        const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
        let last = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const inSvg = node.parentElement?.closest('svg');
          for (let k = 0; k <= node.data.length; k++) {
            const offset = model.offsetOf(node, k);
            expect(offset).toBeGreaterThanOrEqual(last);
            last = offset;
            const c = node.data[k];
            if (c !== undefined && !/\s/.test(c) && !inSvg) expect(model.text[offset]).toBe(c);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('articleTextModel on extracted articles', () => {
  it('is the Article.text of the extraction, once the sanitized article is rendered as the reader does', () => {
    const names = fixtureNames();
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const fixture = loadFixture(name);
      const page = new JSDOM(fixture.html, { url: fixture.meta.url, virtualConsole: new VirtualConsole() }).window;
      const result = extractArticle(page.document, fixture.meta.url);
      expect(result.ok, name).toBe(true);
      if (!result.ok) continue;
      const { doc, root } = rendered('');
      root.innerHTML = sanitizeHtml(result.article.contentHtml, doc);
      const model = articleTextModel(root);
      expect(model.text, name).toBe(result.article.text);
      // Spans all along the article round-trip through the DOM.
      for (let start = 0; start < model.text.length; start += 97) {
        const anchor = anchorOfSpan(model.text, start, start + 60);
        if (!anchor) continue;
        const range = model.rangeOf(anchor.position!.start, anchor.position!.end);
        expect(model.offsetsOf(range), name).toEqual(anchor.position);
      }
    }
  }, 60_000);
});

describe('highlights through the domain surface (core/reading-list/index.ts)', () => {
  it('selected, stored, read back, and found again in a new extraction of the article', async () => {
    const rl = await import('../../../core/reading-list/index.ts');
    const first = rendered('<p>Le maire a dit : « le budget est juste ». 👍🏽</p><p>Les critiques ont protesté.</p>');
    const range = first.doc.createRange();
    const text = first.root.querySelector('p')!.firstChild as Text;
    range.setStart(text, text.data.indexOf('le budget'));
    range.setEnd(text, text.data.indexOf(' ».'));
    const anchor = rl.anchorOfRange(first.model, range)!;
    const record = rl.createHighlightRecord(
      { item: rl.itemId('https://www.lemonde.fr/a.html'), anchor },
      1_000,
      'aaaaaa',
    );
    const stored = rl.readHighlights(rl.serializeHighlights([record]));
    expect(stored.ok && stored.records).toEqual([record]);

    // The page changed: a new paragraph before, a word in the quote.
    const second = rendered(
      '<p>Mise à jour à 18 h.</p><p>Le maire a dit : « le budget est très juste ». 👍🏽</p><p>Les critiques ont protesté.</p>',
    );
    const located = rl.locateAnchors(rl.highlightsOfItem([record], record.item), second.model.text);
    const found = located.get(record.id)!;
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 5 });
    if (found.kind === 'orphan') return;
    expect(second.model.rangeOf(found.start, found.end).toString()).toBe('le budget est très juste');
  });
});
