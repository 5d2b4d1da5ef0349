import { JSDOM } from 'jsdom';

/** A parsed page for engine tests. */
export function page(html: string, url = 'https://news.example/2024/article.html'): Document {
  return new JSDOM(html, { url }).window.document;
}

const LOREM_FR =
  'Le conseil municipal a adopté mardi soir un budget de transition qui prévoit la rénovation de trois écoles, la création de pistes cyclables et une hausse modérée des tarifs de stationnement dans le centre-ville.';
const LOREM_EN =
  'The city council approved a transitional budget on Tuesday night that funds the renovation of three schools, new protected bike lanes and a modest rise in downtown parking fees over the next two years.';

/** A news page around the given body HTML, with enough prose for Readability to take it. */
export function articlePage(body: string, { lang = 'en', paragraphs = 4 } = {}): string {
  const prose = Array.from(
    { length: paragraphs },
    (_, i) => `<p>${i + 1}. ${lang === 'fr' ? LOREM_FR : LOREM_EN}</p>`,
  ).join('\n');
  return `<!DOCTYPE html><html lang="${lang}"><head><title>Budget vote</title></head><body>
<header><nav><a href="/">Home</a> <a href="/city">City</a></nav></header>
<main><article><h1>Budget vote</h1>
${prose}
${body}
</article></main><footer>Footer text</footer></body></html>`;
}
