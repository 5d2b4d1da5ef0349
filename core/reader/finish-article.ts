// The figures of an article read from its text alone: its language when the page declares none, its word count and
// its reading time. The extraction script in the page leaves them out (entrypoints/extract.ts), and the extension
// adds them where the result arrives (platform/extract-tab.ts): the same functions on the same text, and their
// code (the language markers, the word and reading-speed tables) stays out of the page's bundle.
import type { Article, PageArticle } from './types.ts';
import { guessLang } from './lang.ts';
import { countWords, readingTimeMinutes } from './text.ts';

/** The article with its language guessed if need be, its word count and reading time; keys in Article's order. */
export function finishArticle(page: PageArticle): Article {
  const { removed, refusedRules, provenance, ...rest } = page;
  const lang = rest.lang || guessLang(rest.text);
  const wordCount = countWords(rest.text, lang);
  return {
    ...rest,
    lang,
    wordCount,
    readingTimeMinutes: readingTimeMinutes(rest.text, lang, wordCount),
    removed,
    ...(refusedRules ? { refusedRules } : {}),
    ...(provenance ? { provenance } : {}),
  };
}
