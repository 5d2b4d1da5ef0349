// The article's language: what the page declares, else a guess from common words.

/** `meta`: the page's meta values by lower-case key (see metadata.ts). */
export function declaredLang(doc: Document, meta: ReadonlyMap<string, string>): string {
  const candidates = [
    doc.documentElement?.getAttribute('lang'),
    doc.documentElement?.getAttribute('xml:lang'),
    meta.get('content-language'),
    meta.get('og:locale'),
    meta.get('language'),
  ];
  for (const c of candidates) {
    const tag = normalizeLangTag(c);
    if (tag) return tag;
  }
  return '';
}

export function normalizeLangTag(value: string | null | undefined): string {
  const first = value?.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(first)) return '';
  try {
    return Intl.getCanonicalLocales(first)[0]?.toLowerCase() ?? '';
  } catch {
    return '';
  }
}

// Frequent short words that tell these languages apart.
const MARKERS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'qui', 'du', 'sur'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'ein', 'eine', 'auf', 'für', 'den'],
  es: ['el', 'los', 'las', 'que', 'y', 'del', 'por', 'una', 'con', 'para', 'es', 'se'],
  it: ['il', 'che', 'di', 'della', 'gli', 'per', 'non', 'una', 'sono', 'con', 'del', 'nel'],
  pt: ['o', 'os', 'que', 'do', 'da', 'não', 'uma', 'para', 'com', 'em', 'dos', 'é'],
};

/** Best guess among the languages we have rules for; "" when the text is too short or unclear. */
export function guessLang(text: string): string {
  // The opening of the article is enough, and lower-casing all of it is not free.
  const words =
    text
      .slice(0, 3000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return '';
  const freq = new Map<string, number>();
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  let best = '';
  let bestScore = 0;
  for (const [lang, markers] of Object.entries(MARKERS)) {
    const score = markers.reduce((s, m) => s + (freq.get(m) ?? 0), 0) / words.length;
    if (score > bestScore) [best, bestScore] = [lang, score];
  }
  return bestScore >= 0.05 ? best : '';
}
