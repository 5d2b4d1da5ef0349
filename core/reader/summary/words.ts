// Content words of a sentence: lower-cased, accents folded, stop words and elided articles out.
import { deu, eng, fra, ita, por, spa } from 'stopword';
import { baseLang } from '../sentences.ts';
import { segmenter } from '../text.ts';

/**
 * The `stopword` package's lists (it names them by ISO 639-3 code) for the languages the cleanup
 * rules cover. Only these reach the extension's bundles: the six weigh 7 KB gzipped with the
 * summarizer, sixteen weighed 13 KB. Other languages get no list; inverse sentence frequency still
 * weighs their common words down.
 */
const LISTS: Record<string, readonly string[]> = {
  en: eng,
  fr: fra,
  de: deu,
  es: spa,
  it: ita,
  pt: por,
};

/** Frequent words the package's short lists lack, and the pieces contractions and elisions leave. */
const EXTRA: Record<string, readonly string[]> = {
  en: [
    ...['not', 'no', 'its', 'so', 'just', 'one', 'says', 'whom', 'whose', 'us', 'off', 'yet', 'even', 'per', 'may'],
    ...['don', 'doesn', 'didn', 'isn', 'wasn', 'weren', 'aren', 'haven', 'hasn', 'hadn', 'couldn', 'wouldn'],
    ...['shouldn', 'll', 've', 're', 'mr', 'mrs', 'ms', 'dr'],
  ],
  fr: [
    ...['plus', 'comme', 'tout', 'tous', 'toute', 'toutes', 'aussi', 'selon', 'ainsi', 'alors', 'encore', 'deja'],
    ...['dont', 'lors', 'bien', 'tres', 'peu', 'apres', 'avant', 'entre', 'depuis', 'sous', 'chez', 'donc', 'car'],
    ...['si', 'non', 'oui', 'autre', 'autres', 'fait', 'cette', 'celui', 'celle', 'ceux', 'quand', 'sans'],
    ...['jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'aujourd', 'hui', 'mme', 'mm'],
  ],
  it: ['dell', 'nell', 'sull', 'dall', 'quell', 'un'],
};

/** Lower case, then accents off ("Élysée" and "elysee" are one word), Latin, Greek and Cyrillic alike. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const stopSets = new Map<string, ReadonlySet<string>>();
export function stopWords(lang: string): ReadonlySet<string> {
  const base = baseLang(lang);
  let set = stopSets.get(base);
  if (!set) {
    set = new Set([...(LISTS[base] ?? []), ...(EXTRA[base] ?? [])].map(fold));
    stopSets.set(base, set);
  }
  return set;
}

/** Languages whose plurals mostly add an -s: "minister" and "ministers" count as one word. */
const PLURAL_S = new Set(['en', 'fr', 'es', 'pt', 'ca']);

const NO_SPACES = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Makes a tokenizer for one language: text in, content words out (repeats kept). */
export function contentWords(lang: string): (text: string) => string[] {
  const stop = stopWords(lang);
  const base = baseLang(lang);
  const plural = PLURAL_S.has(base);
  return (text) => {
    // Apostrophes split words: "l'invitation" gives "l" (too short) and "invitation".
    const raw = NO_SPACES.test(text)
      ? [...segmenter(lang, 'word').segment(text)].filter((s) => s.isWordLike).map((s) => s.segment)
      : (text.match(WORD) ?? []);
    const words: string[] = [];
    for (const w of raw) {
      const cjk = NO_SPACES.test(w);
      if (!cjk && w.length < 2) continue;
      let f = fold(w);
      if (stop.has(f)) continue;
      if (plural && f.length > 3 && f.endsWith('s') && !f.endsWith('ss')) f = f.slice(0, -1);
      words.push(f);
    }
    return words;
  };
}
