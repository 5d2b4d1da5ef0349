import { describe, expect, it } from 'vitest';
import { countWords, readingTimeMinutes, toPlainText } from '../../../core/reader/text.ts';
import { page } from '../../support/dom.ts';

describe('toPlainText', () => {
  it('puts a blank line between blocks so adjacent blocks never glue', () => {
    const doc = page(
      '<div><h2>The interview</h2><p>Mr Obama said <a href="/x">yes</a>.</p><ul><li>one</li><li>two</li></ul></div>',
    );
    expect(toPlainText(doc.body)).toBe('The interview\n\nMr Obama said yes.\n\none\n\ntwo');
  });

  it('keeps spaces between inline elements and breaks lines at <br>', () => {
    const doc = page('<p><b>Bold</b> <i>italic</i><br>next line</p>');
    expect(toPlainText(doc.body)).toBe('Bold italic\nnext line');
  });

  it('keeps preformatted text as it is and skips scripts', () => {
    const doc = page('<pre>a  b\n  c</pre><script>var x = 1;</script>');
    expect(toPlainText(doc.body)).toBe('a  b\n  c');
  });
});

describe('countWords', () => {
  it('counts French elisions as two words', () => {
    expect(countWords("l'invitation d’un ami qu'il connaît", 'fr')).toBe(8);
    expect(countWords("don't stop", 'en')).toBe(2);
  });

  it('counts English words and ignores punctuation', () => {
    expect(countWords('Hello, world — this is a test.', 'en')).toBe(6);
  });
});

describe('readingTimeMinutes', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'mot').join(' ');

  it('uses the language reading speed (French is read slower than English)', () => {
    expect(readingTimeMinutes(words(1950), 'fr')).toBe(10);
    expect(readingTimeMinutes(words(1950), 'en')).toBe(9);
  });

  it('never says zero minutes', () => {
    expect(readingTimeMinutes('court', 'fr')).toBe(1);
  });

  it('reads Chinese by characters', () => {
    expect(readingTimeMinutes('中'.repeat(2550), 'zh-CN')).toBe(10);
  });
});
