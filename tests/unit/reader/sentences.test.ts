import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences, splitSentencesByParagraph } from '../../../core/reader/sentences.ts';

describe('splitSentences: French', () => {
  const fr = (text: string) => splitSentences(text, 'fr');

  it('does not break after titles: M., Mme, MM., Dr., J.-L.', () => {
    expect(fr('M. Dupont est arrivé hier. Mme Martin aussi.')).toEqual([
      'M. Dupont est arrivé hier.',
      'Mme Martin aussi.',
    ]);
    expect(fr('MM. Dupont et Durand sont venus. Ils sont partis.')).toEqual([
      'MM. Dupont et Durand sont venus.',
      'Ils sont partis.',
    ]);
    expect(fr('Le Dr. Martin a parlé. J.-L. Mélenchon a répondu.')).toEqual([
      'Le Dr. Martin a parlé.',
      'J.-L. Mélenchon a répondu.',
    ]);
  });

  it('keeps "etc." and month abbreviations inside their sentence', () => {
    expect(fr('Il a acheté des pommes, des poires, etc. et il est rentré. Puis il a dormi.')).toEqual([
      'Il a acheté des pommes, des poires, etc. et il est rentré.',
      'Puis il a dormi.',
    ]);
    expect(fr('Le 3 janv. 2024, il a plu. Le 5 févr. il a neigé. Le vote aura lieu le 12 sept. 2025.')).toEqual([
      'Le 3 janv. 2024, il a plu.',
      'Le 5 févr. il a neigé.',
      'Le vote aura lieu le 12 sept. 2025.',
    ]);
  });

  it('keeps closing guillemets with the sentence they close', () => {
    expect(fr('« C’est fini. » Il est parti. « Vraiment ? » a-t-il demandé.')).toEqual([
      '« C’est fini. »',
      'Il est parti.',
      '« Vraiment ? » a-t-il demandé.',
    ]);
    expect(fr('Il a dit : « Nous reviendrons. » Le ministre a confirmé.')).toEqual([
      'Il a dit : « Nous reviendrons. »',
      'Le ministre a confirmé.',
    ]);
  });

  it('keeps initials, decimals and elided quotations whole; ends at an ellipsis before a capital', () => {
    expect(fr('J. K. Rowling a écrit un livre. Il se vend bien.')).toEqual([
      'J. K. Rowling a écrit un livre.',
      'Il se vend bien.',
    ]);
    expect(fr('Le taux est passé de 3.5 % à 2,5 % en un an. C’est peu.')).toEqual([
      'Le taux est passé de 3.5 % à 2,5 % en un an.',
      'C’est peu.',
    ]);
    expect(fr('« Nous avons (...) Beaucoup travaillé », a-t-il dit. Fin.')).toEqual([
      '« Nous avons (...) Beaucoup travaillé », a-t-il dit.',
      'Fin.',
    ]);
    expect(fr('Il hésita... Puis il partit. Il hésita… puis revint.')).toEqual([
      'Il hésita...',
      'Puis il partit.',
      'Il hésita… puis revint.',
    ]);
  });
});

describe('splitSentences: English', () => {
  const en = (text: string) => splitSentences(text, 'en');

  it('does not break after Mr., Mrs., Dr., St. or initials', () => {
    expect(en('Mr. Smith went to Washington. Mrs. Jones stayed home.')).toEqual([
      'Mr. Smith went to Washington.',
      'Mrs. Jones stayed home.',
    ]);
    expect(en('Dr. Brown met St. Peter at the gate. They talked.')).toEqual([
      'Dr. Brown met St. Peter at the gate.',
      'They talked.',
    ]);
    expect(en('J. K. Rowling wrote a book. President George W. Bush read it.')).toEqual([
      'J. K. Rowling wrote a book.',
      'President George W. Bush read it.',
    ]);
  });

  it('keeps month abbreviations, "etc.", "No." and "U.S." inside the sentence', () => {
    expect(en('On Jan. 5 the vote was held. In Sept. 2023 it failed.')).toEqual([
      'On Jan. 5 the vote was held.',
      'In Sept. 2023 it failed.',
    ]);
    expect(en('Apples, pears, etc. were sold. He lives at No. 10 Downing Street. The U.S. economy grew.')).toEqual([
      'Apples, pears, etc. were sold.',
      'He lives at No. 10 Downing Street.',
      'The U.S. economy grew.',
    ]);
  });

  it('keeps closing quotes with their sentence, and a quoted question with its attribution', () => {
    expect(en('He said, "It is over." Then he left.')).toEqual(['He said, "It is over."', 'Then he left.']);
    expect(en('“Is it over?” she asked. “Yes.” He left.')).toEqual(['“Is it over?” she asked.', '“Yes.”', 'He left.']);
  });

  it('keeps decimals and mid-sentence ellipses', () => {
    expect(en('The rate rose to 3.5 percent at 8:45 a.m. on Monday. It was 2.1 a year ago.')).toEqual([
      'The rate rose to 3.5 percent at 8:45 a.m. on Monday.',
      'It was 2.1 a year ago.',
    ]);
    expect(en('He paused... then went on. It ended.')).toEqual(['He paused... then went on.', 'It ended.']);
  });
});

describe('splitSentences: other languages', () => {
  it('does not break Chinese or Japanese text, and keeps a Japanese quotation with its verb', () => {
    expect(splitSentences('今天天气很好。明天会下雨吗？我不知道！', 'zh')).toEqual([
      '今天天气很好。',
      '明天会下雨吗？',
      '我不知道！',
    ]);
    expect(splitSentences('今日は晴れです。明日は雨でしょう。「本当に？」と彼は言った。', 'ja')).toEqual([
      '今日は晴れです。',
      '明日は雨でしょう。',
      '「本当に？」と彼は言った。',
    ]);
  });

  it('knows German quotes „like this“ and »like this«', () => {
    expect(splitSentences('Er sagte: „Das ist vorbei.“ Dann ging er.', 'de')).toEqual([
      'Er sagte: „Das ist vorbei.“',
      'Dann ging er.',
    ]);
    expect(splitSentences('Er sagte: »Das ist vorbei.« Dann ging er. Dr. Müller kam.', 'de')).toEqual([
      'Er sagte: »Das ist vorbei.«',
      'Dann ging er.',
      'Dr. Müller kam.',
    ]);
  });

  it('never loses, adds or reorders text, whatever the input', () => {
    const pieces = fc.constantFrom(
      ...['M.', 'Mr.', 'J.', 'K.', 'etc.', 'janv.', '3.5', '...', '…', '(…)', '« ', ' »', '"', '“', '”', '„', '?', '!'],
      ...['. ', ' ', '\n', 'Il', 'part', 'The', 'end', '今日は', '。', '「', '」', 'と', '»', '«', 'dit'],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.constantFrom('fr', 'en', 'de', 'ja', ''), (parts, lang) => {
        const text = parts.join('');
        const squash = (s: string) => s.replace(/\s+/g, '');
        expect(squash(splitSentences(text, lang).join(''))).toBe(squash(text));
      }),
    );
  });

  it('never loses or adds text', () => {
    const text = 'M. Dupont : « Oui. » Non ? Si ! 3.5 % etc. Fin… « (…) » — J.-L. M. part. 今日は。';
    expect(splitSentences(text, 'fr').join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});

describe('paragraphs', () => {
  const text = 'Titre\n\nPremière phrase. Deuxième phrase.\n\n\n\nTroisième phrase.\n  \nQuatrième.';

  it('splits on blank lines and drops empty blocks', () => {
    expect(splitParagraphs(text)).toEqual([
      'Titre',
      'Première phrase. Deuxième phrase.',
      'Troisième phrase.',
      'Quatrième.',
    ]);
  });

  it('gives each sentence the index of its paragraph', () => {
    expect(splitSentencesByParagraph(text, 'fr')).toEqual([
      { text: 'Titre', paragraph: 0 },
      { text: 'Première phrase.', paragraph: 1 },
      { text: 'Deuxième phrase.', paragraph: 1 },
      { text: 'Troisième phrase.', paragraph: 2 },
      { text: 'Quatrième.', paragraph: 3 },
    ]);
  });
});
