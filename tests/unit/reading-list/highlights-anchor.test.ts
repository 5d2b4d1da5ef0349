// Re-anchoring highlights by their quote in a new text: repeated phrases, RTL scripts, emoji and other astral
// characters, combining accents, whitespace changes, insertions before the quote, the quote itself edited.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateAnchor, locateAnchors, type AnchorResult } from '../../../core/reading-list/highlights/anchor.ts';
import { foldForAnchoring } from '../../../core/reading-list/highlights/fold.ts';
import type { HighlightAnchor } from '../../../core/reading-list/highlights/model.ts';
import { anchorOfSpan, codePointBoundary, graphemeBoundary } from '../../../core/reading-list/highlights/selectors.ts';

function anchorOf(text: string, quote: string, occurrence = 0): HighlightAnchor {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`"${quote}" not in the text`);
  return anchorOfSpan(text, at, at + quote.length)!;
}

const slice = (text: string, r: AnchorResult) => (r.kind === 'orphan' ? null : text.slice(r.start, r.end));

describe('locateAnchor', () => {
  const article =
    'The council met on Tuesday. The mayor said the budget was fair.\n\n' +
    'Critics said the budget was not fair at all, and the mayor said nothing.\n\n' +
    'In the end, the mayor said the budget was fair, and the vote passed.';

  it('finds an unchanged quote where it was, exactly', () => {
    const anchor = anchorOf(article, 'the budget was fair', 1);
    expect(locateAnchor(anchor, article)).toEqual({ kind: 'exact', ...anchor.position!, score: 1 });
  });

  it('tells repeated phrases apart by their context, wherever the position hint points', () => {
    const anchor = anchorOf(article, 'the mayor said', 1);
    const moved = { ...anchor, position: { start: 0, end: 14 } };
    const found = locateAnchor(moved, article);
    expect(found).toMatchObject({ kind: 'exact', start: anchor.position!.start });
  });

  it('takes the copy nearest the position hint when the contexts are the same', () => {
    const text = Array.from({ length: 30 }, () => 'ab ab ab ab ab ab ab ab ab ab ab ab ab').join(' ');
    const anchor = anchorOf(text, 'ab', 100);
    expect(locateAnchor(anchor, text)).toMatchObject({ kind: 'exact', start: anchor.position!.start });
    const earlier = { ...anchor, position: { start: 33, end: 35 } };
    expect(locateAnchor(earlier, text)).toMatchObject({ kind: 'exact', start: 33 });
  });

  it('follows the quote when text is inserted before it', () => {
    const anchor = anchorOf(article, 'the mayor said nothing');
    const longer = `Updated at 18:00. ${article.replace('Tuesday', 'Tuesday evening, late')}`;
    const found = locateAnchor(anchor, longer);
    expect(found.kind).toBe('exact');
    expect(slice(longer, found)).toBe('the mayor said nothing');
  });

  it('finds a quote whose whitespace changed (re-split paragraphs, no-break spaces), without edits', () => {
    const anchor = anchorOf('Il a dit : « non ».\n\nPuis il est parti.', 'non ».\n\nPuis il');
    const text = 'Il a dit\u00a0: «\u00a0non\u00a0». Puis   il est parti.';
    const found = locateAnchor(anchor, text);
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 0 });
    expect(slice(text, found)).toBe('non\u00a0». Puis   il');
  });

  it('finds a quote whose accents are now combining characters', () => {
    const anchor = anchorOf('Le café était fermé hier soir.', 'café était fermé');
    const text = 'Le café était fermé hier soir.'.normalize('NFD');
    const found = locateAnchor(anchor, text);
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 0 });
    expect(slice(text, found)).toBe('café était fermé'.normalize('NFD'));
  });

  it('finds a quote that was edited slightly, and says by how much', () => {
    const anchor = anchorOf(article, 'Critics said the budget was not fair at all');
    const text = article.replace('Critics said', 'Critics claimed');
    const found = locateAnchor(anchor, text);
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 4 }); // said -> claimed
    expect(slice(text, found)).toBe('Critics claimed the budget was not fair at all');
    expect((found as { score: number }).score).toBeGreaterThan(0.9);
  });

  it('finds a short quote with a word inserted between its own prefix and suffix', () => {
    const anchor = anchorOf(article, 'the vote passed');
    const text = article.replace('the vote passed', 'the final vote passed');
    const found = locateAnchor(anchor, text);
    // Six edits are more than a quarter of the quote: only its context places it.
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 6 });
    expect(slice(text, found)).toBe('the final vote passed');
    const rewritten = article.replace('the vote passed', 'nobody could agree on anything');
    expect(locateAnchor(anchor, rewritten)).toEqual({ kind: 'orphan' });
  });

  it('prefers the edited copy in its own context to an exact copy elsewhere', () => {
    const text = 'First: the same words here. Second: the same words here. Third: the same words here.';
    const anchor = anchorOf(text, 'the same words here', 1);
    const edited = text.replace('Second: the same words here', 'Second: the same word here');
    const found = locateAnchor(anchor, edited);
    expect(found).toMatchObject({ kind: 'fuzzy', errors: 1 });
    expect(found.kind !== 'orphan' && found.start).toBe(edited.indexOf('the same word here'));
  });

  it('leaves a quote that is gone as an orphan', () => {
    const anchor = anchorOf(article, 'Critics said the budget was not fair at all');
    const rewritten = 'The council approved a new plan for the harbour. Fishermen welcomed the decision.';
    expect(locateAnchor(anchor, rewritten)).toEqual({ kind: 'orphan' });
    // A quote under four characters allows no edit of its own: out of its context, one changed letter is too many.
    const short = anchorOf(article, 'met');
    expect(locateAnchor(short, article.replace('The council met on Tuesday', 'Rain fell; crowds mot'))).toEqual({
      kind: 'orphan',
    });
    expect(locateAnchor(short, article.replace('met', 'mot'))).toMatchObject({ kind: 'fuzzy', start: 12, errors: 1 });
    expect(locateAnchor({ quote: { exact: ' \n', prefix: '', suffix: '' }, position: null }, article)).toEqual({
      kind: 'orphan',
    });
  });

  it('places an imported quote that has no context and no position', () => {
    const imported: HighlightAnchor = {
      quote: { exact: 'the vote passed', prefix: '', suffix: '' },
      position: null,
    };
    expect(slice(article, locateAnchor(imported, article))).toBe('the vote passed');
    const typo = { ...imported, quote: { ...imported.quote, exact: 'the vote pased' } };
    expect(locateAnchor(typo, article)).toMatchObject({ kind: 'fuzzy', errors: 1 });
  });

  it('anchors right-to-left text and emoji by their context', () => {
    const arabic = 'قال الوزير إن الميزانية عادلة. ثم قال الوزير إن الميزانية عادلة جدا 👍🏽 وانتهى الاجتماع.';
    const anchor = anchorOf(arabic, 'الميزانية عادلة جدا 👍🏽', 0);
    const found = locateAnchor(anchor, `تحديث: ${arabic}`);
    expect(found.kind).toBe('exact');
    expect(slice(`تحديث: ${arabic}`, found)).toBe('الميزانية عادلة جدا 👍🏽');
    const hebrew = 'הוא אמר שלום. היא אמרה שלום. הוא אמר שלום שוב.';
    const second = anchorOf(hebrew, 'הוא אמר שלום', 1);
    expect(locateAnchor(second, `כותרת. ${hebrew}`)).toMatchObject({
      kind: 'exact',
      start: 7 + second.position!.start,
    });
  });

  it('locates every highlight of an article in one call', () => {
    const anchors = [
      { id: 'a1', ...anchorOf(article, 'The council met') },
      { id: 'a2', ...anchorOf(article, 'Critics said') },
      { id: 'a3', quote: { exact: 'not in the text at all', prefix: '', suffix: '' }, position: null },
    ];
    const found = locateAnchors(anchors, article);
    expect([...found.values()].map((r) => r.kind)).toEqual(['exact', 'exact', 'orphan']);
  });
});

// Random texts: words of several scripts, emoji and combining accents, and phrases that repeat.
const SCRIPTS = [
  'abcdefghijklmnopqrstuvwxyzéèàçœ',
  'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
  'אבגדהוזחטיכלמנסעפצקרשת',
  '的一是不了人我在有他这中大来上国',
].map((letters) => [...letters]);
const EMOJI = ['👍🏽', '🇫🇷', '👨‍👩‍👧', '𝒳𝒴', '😀', 'cafe\u0301', 'n\u0303o'];
const REPEATED = ['la même phrase', 'نفس الجملة', 'אותו משפט', '同じ文 😀'];
const word = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .nat(SCRIPTS.length - 1)
      .chain((s) => fc.string({ unit: fc.constantFrom(...SCRIPTS[s]!), minLength: 2, maxLength: 9 })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 2, arbitrary: fc.constantFrom(...REPEATED) },
);
const paragraph = fc.array(word, { minLength: 3, maxLength: 25 }).map((words) => `${words.join(' ')}.`);
const textArb = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n'));
/** A text and a highlight in it (a span with something visible). */
const highlighted = fc
  .tuple(textArb, fc.nat(), fc.integer({ min: 1, max: 60 }))
  .map(([text, at, length]) => {
    const start = at % text.length;
    return { text, anchor: anchorOfSpan(text, start, start + length) };
  })
  .filter((x): x is { text: string; anchor: HighlightAnchor } => x.anchor !== null);

/** A located span never splits a character: no half surrogate pair, no accent without its letter. */
function expectWholeCharacters(text: string, r: AnchorResult) {
  if (r.kind === 'orphan') return;
  for (const i of [r.start, r.end]) {
    expect(codePointBoundary(text, i)).toBe(i);
    expect(/^\p{M}/u.test(text.slice(i))).toBe(false);
  }
}

/** Occurrences of `quote` in `text`, overlapping ones too. */
function occurrences(text: string, quote: string) {
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) n++;
  return n;
}

describe('locateAnchor (property-based)', () => {
  it('finds a highlight in its own text exactly where it was made', () => {
    fc.assert(
      fc.property(highlighted, ({ text, anchor }) => {
        const found = locateAnchor(anchor, text);
        expect(found).toMatchObject({ kind: 'exact', ...anchor.position });
        expectWholeCharacters(text, found);
      }),
      { numRuns: 400 },
    );
  });

  it('follows it when text is inserted before it', () => {
    fc.assert(
      fc.property(highlighted, paragraph, fc.nat(), fc.boolean(), ({ text, anchor }, inserted, at, keepContext) => {
        const { exact, prefix, suffix } = anchor.quote;
        const start = anchor.position!.start;
        // Before the prefix (the context stays whole), or anywhere before the quote (its context may break).
        const room = keepContext ? start - prefix.length : start;
        const k = codePointBoundary(text, at % (room + 1));
        const changed = text.slice(0, k) + inserted + text.slice(k);
        const found = locateAnchor(anchor, changed);
        expectWholeCharacters(changed, found);
        if (keepContext || occurrences(changed, exact) === 1) {
          expect(found.kind).toBe('exact');
          expect(slice(changed, found)).toBe(exact);
        } else expect(found.kind).not.toBe('orphan');
        if (occurrences(changed, exact) === 1 || (keepContext && occurrences(changed, prefix + exact + suffix) === 1)) {
          expect(found).toMatchObject({ start: start + inserted.length });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds it, with no edit, when whitespace and Unicode normalization change', () => {
    const space = fc.constantFrom(' ', '  ', '\n', '\n\n', '\u00a0', ' \u200b');
    fc.assert(
      fc.property(highlighted, fc.array(space, { minLength: 1 }), fc.boolean(), ({ text, anchor }, spaces, nfd) => {
        let n = 0;
        let changed = text.replace(/ /g, () => spaces[n++ % spaces.length]!);
        if (nfd) changed = changed.normalize('NFD');
        const found = locateAnchor(anchor, changed);
        expect(found.kind).not.toBe('orphan');
        if (found.kind === 'fuzzy') expect(found.errors).toBe(0);
        const folded = (s: string) => foldForAnchoring(s).text.trim();
        expect(folded(slice(changed, found)!)).toBe(folded(anchor.quote.exact));
        expectWholeCharacters(changed, found);
      }),
      { numRuns: 400 },
    );
  });

  it('finds it where it was when one character of the quote is edited', () => {
    fc.assert(
      fc.property(
        highlighted.filter(({ anchor }) => [...anchor.quote.exact].length >= 12),
        fc.nat(),
        fc.constantFrom('replace', 'insert', 'delete'),
        fc.constantFrom('x', 'ش', 'ש', '😀'),
        ({ text, anchor }, at, edit, letter) => {
          const { start, end } = anchor.position!;
          // One whole character (an emoji, a letter with its accent) is edited.
          const k = graphemeBoundary(text, start + 1 + (at % (end - start - 2)), 'start');
          const next = graphemeBoundary(text, k + 1, 'end');
          // A family emoji is five folded units: replacing it is more than one small edit.
          fc.pre(next - k <= 2);
          const changed =
            edit === 'insert'
              ? text.slice(0, k) + letter + text.slice(k)
              : text.slice(0, k) + (edit === 'replace' ? letter : '') + text.slice(next);
          const found = locateAnchor(anchor, changed);
          expect(found.kind).not.toBe('orphan');
          if (found.kind === 'orphan') return;
          const newEnd = end + changed.length - text.length;
          expect(Math.abs(found.start - start)).toBeLessThanOrEqual(2);
          expect(Math.abs(found.end - newEnd)).toBeLessThanOrEqual(2);
          expectWholeCharacters(changed, found);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('foldForAnchoring (property-based)', () => {
  it('maps every folded offset back in order, never inside a character or before its accents', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      // Kirat Rai's U+16D68 is U+16D67 twice (two letters, no mark), found by this test's random strings.
      fc.constantFrom(
        ' ',
        '\n\n',
        '\u00a0',
        '\u00ad',
        '\ufeff',
        'e\u0301',
        '\u0301',
        '👍🏽',
        '\u212b',
        '\u0958',
        '\u{16d68}',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((ps) => ps.join('')),
        (original) => {
          const { text, toOriginal } = foldForAnchoring(original);
          expect(toOriginal.length).toBe(text.length + 1);
          expect(toOriginal[text.length]).toBe(original.length);
          for (let k = 0; k < text.length; k++) {
            const at = toOriginal[k]!;
            expect(at).toBeLessThanOrEqual(toOriginal[k + 1]!);
            expect(codePointBoundary(original, at)).toBe(at);
            if (at > 0 && at < original.length && !/\s/.test(original[at - 1]!)) {
              expect(/^\p{M}/u.test(original.slice(at))).toBe(false);
            }
          }
          // Composed or decomposed, the same text folds the same.
          expect(foldForAnchoring(original.normalize('NFD')).text).toBe(
            foldForAnchoring(original.normalize('NFC')).text,
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
