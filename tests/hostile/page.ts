// Wraps each hostile vector in a realistic news page (English or French) with enough prose for Readability to
// take it, so that the payload really reaches the extraction.
import { VECTORS, type Vector } from './vectors.ts';

/** The hosts a page refers to. Pages live on their own origin (relative URLs). */
export interface Hosts {
  /** Any request here is a leak: `http://127.0.0.2:<port>` in the browser tests. */
  sentinel: string;
  /** Another host serving the article's photos (a CDN): only `<img>` loads are allowed there. */
  cdn: string;
}

/** The value a payload that ran sets on `top`. */
export const SENTINEL_GLOBAL = '__pwned';
/** The name the clobbering vectors try to define on extension pages' windows. */
export const CLOBBER_GLOBAL = '__clobbered';
/** Path prefix of every sentinel address: `/pwned/<vector id>`. */
export const SENTINEL_PATH = '/pwned/';
/** The page's own photos. */
export const OWN_IMAGE_PATH = '/img/';

export const sentinelUrl = (hosts: Hosts, id: string) => `${hosts.sentinel}${SENTINEL_PATH}${id}`;
/** The script every executable payload carries: a request to the sentinel host, then the global. */
export const sentinelScript = (hosts: Hosts, id: string) =>
  `new(Image)().src=\`${sentinelUrl(hosts, id)}\`;top.${SENTINEL_GLOBAL}=1`;

const EN = {
  lang: 'en',
  site: 'The Riverside Herald',
  author: 'Jane Porter',
  title: 'City council approves flood defences after a year of delays',
  description: 'The council voted 31 to 12 for a riverside wall and new pumping stations, to be finished by 2028.',
  section: 'Local news',
  paragraphs: [
    'After more than a year of public meetings, expert reports and postponed votes, the city council approved on Tuesday evening a plan to protect the lower town from the river, which burst its banks twice last winter and flooded more than four hundred homes.',
    'The plan, which passed by 31 votes to 12, includes a concrete wall along two kilometres of the riverside, three new pumping stations and the restoration of wetlands upstream, where the water can spread out before it reaches the houses.',
    'Its cost is estimated at 84 million pounds, two thirds of which will come from the national flood fund. The rest will be borrowed over thirty years, an arrangement the finance committee described as prudent but which the opposition called a burden on the next generation.',
    'Residents of the lower town, many of whom attended the meeting, greeted the result with relief. Some of them have not been able to insure their homes since the floods, and several shops on the quay have still not reopened.',
    'Officials said the detailed timetable would be published next week, with the first works on the wetlands planned for the spring. The wall itself should be finished by the end of 2028, provided the contracts are signed before the summer.',
    'Environmental groups welcomed the wetlands but questioned the height of the wall, which they fear will cut the town off from its river. The council promised that the design would include walkways, viewpoints and two openings that can be closed when the water rises.',
    'The opposition asked for an independent audit of the costs before any contract is signed, pointing to the sports centre, whose budget doubled during its construction. The mayor said she had no objection, as long as the audit did not delay the works.',
    'Insurers, for their part, said they would review the premiums in the area once the defences are in place, which could take several years. Until then, the council will keep its emergency fund for households that cannot find cover.',
  ],
};

const FR = {
  lang: 'fr',
  site: 'La Gazette du Val',
  author: 'Claire Martin',
  title: 'Le conseil municipal adopte le plan contre les crues après un an de retard',
  description: 'Le conseil a voté par 31 voix contre 12 une digue, trois stations de pompage et des zones humides.',
  section: 'Actualité locale',
  paragraphs: [
    'Après plus d’un an de réunions publiques, de rapports d’experts et de votes reportés, le conseil municipal a adopté mardi soir le plan destiné à protéger la ville basse des crues de la rivière, qui a débordé deux fois l’hiver dernier et inondé plus de quatre cents logements.',
    'Le plan, voté par 31 voix contre 12, prévoit une digue en béton sur deux kilomètres de berges, trois nouvelles stations de pompage et la restauration de zones humides en amont, où l’eau pourra s’étaler avant d’atteindre les maisons.',
    'Son coût est estimé à 84 millions d’euros, dont les deux tiers viendront du fonds national de prévention des inondations. Le reste sera emprunté sur trente ans, un montage que la commission des finances juge prudent mais que l’opposition qualifie de fardeau pour la génération suivante.',
    'Les habitants de la ville basse, venus nombreux assister à la séance, ont accueilli le résultat avec soulagement. Certains n’arrivent plus à assurer leur logement depuis les inondations, et plusieurs commerces du quai n’ont toujours pas rouvert.',
    'La mairie publiera le calendrier détaillé la semaine prochaine, avec les premiers travaux sur les zones humides prévus au printemps. La digue elle-même devrait être achevée fin 2028, à condition que les marchés soient signés avant l’été.',
    'Les associations de défense de l’environnement saluent les zones humides mais s’interrogent sur la hauteur de la digue, qui risque selon elles de couper la ville de sa rivière. La municipalité promet des passerelles, des belvédères et deux ouvertures que l’on fermera à la montée des eaux.',
    'L’opposition réclame un audit indépendant des coûts avant toute signature, en rappelant le centre sportif, dont le budget a doublé pendant le chantier. La maire dit ne pas s’y opposer, tant que l’audit ne retarde pas les travaux.',
    'Les assureurs, de leur côté, disent qu’ils réviseront les primes dans le quartier une fois les protections en place, ce qui pourrait prendre plusieurs années. D’ici là, la ville conserve son fonds d’urgence pour les ménages qui ne trouvent pas d’assureur.',
  ],
};

/** The prose of a page (one in three is French), for tests that check the article came through. */
export function proseOf(vector: Vector): typeof EN {
  return VECTORS.indexOf(vector) % 3 === 2 ? FR : EN;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
/** JSON that cannot close the script element it sits in. */
const jsonInScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The payload with its tokens replaced for these hosts. */
export function payloadOf(vector: Vector, hosts: Hosts): string {
  const js = sentinelScript(hosts, vector.id);
  return vector.payload
    .replaceAll('{B64}', Buffer.from(`<script>${js}</script>`).toString('base64'))
    .replaceAll('{JS}', js)
    .replaceAll('{URL}', sentinelUrl(hosts, vector.id))
    .replaceAll('{IMG}', `${hosts.cdn}${OWN_IMAGE_PATH}${vector.id}/cdn.svg`)
    .replaceAll('{OWN}', `${OWN_IMAGE_PATH}${vector.id}/inline.svg`)
    .replaceAll('{CDN}', hosts.cdn)
    .replaceAll('{ID}', vector.id);
}

/** The article's path on the page server. */
export const pathOf = (vector: Vector) => `/news/${vector.id}/`;

/** The full page for a vector. */
export function buildPage(vector: Vector, hosts: Hosts): string {
  const prose = proseOf(vector);
  const payload = payloadOf(vector, hosts);
  const at = (where: Vector['where']) => vector.where === where;
  const title = at('title') ? payload : prose.title;
  const byline = at('byline') ? payload : prose.author;
  const site = at('site-name') ? payload : prose.site;
  const description = at('description') ? payload : prose.description;
  // Readability prefers JSON-LD to the meta tags: title and byline payloads go there too.
  const jsonLd = at('json-ld')
    ? { headline: payload, author: { '@type': 'Person', name: payload }, publisher: payload, description: payload }
    : { headline: title, author: { '@type': 'Person', name: byline }, description };
  const lang = at('document') ? payload : prose.lang;
  const canonical = at('document') ? payload : pathOf(vector);
  const [p1, p2, p3, p4, p5, p6, p7, p8] = prose.paragraphs;
  // Body payloads sit inside the fourth paragraph, in the middle of the text Readability keeps.
  const carrier = at('body') ? `<p>${p4} ${payload} ${p5}</p>` : `<p>${p4}</p>\n<p>${p5}</p>`;

  return `<!DOCTYPE html>
<html lang="${escapeAttr(lang)}" dir="${at('document') ? escapeAttr(payload) : 'ltr'}">
<head>
<meta charset="utf-8">
<title>${escapeText(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeAttr(description)}">
<meta name="author" content="${escapeAttr(byline)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeAttr(title)}">
<meta property="og:site_name" content="${escapeAttr(site)}">
<meta property="og:description" content="${escapeAttr(description)}">
<meta property="og:url" content="${escapeAttr(canonical)}">
<meta property="article:published_time" content="2025-03-18T19:30:00Z">
<link rel="canonical" href="${escapeAttr(canonical)}">
<script type="application/ld+json">${jsonInScript({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2025-03-18T19:30:00Z', ...jsonLd })}</script>
${at('head') ? payload : ''}
</head>
<body>
<header class="site-header">
  <p class="site-title"><a href="/">${escapeText(prose.site)}</a></p>
  <nav><a href="/news/">${escapeText(prose.section)}</a> <a href="/sport/">Sport</a> <a href="/culture/">Culture</a> <a href="/contact/">Contact</a></nav>
</header>
<main>
<article>
<h1>${escapeText(title)}</h1>
<p class="byline">${prose.lang === 'fr' ? 'Par' : 'By'} <span class="author">${escapeText(byline)}</span>, <time datetime="2025-03-18T19:30:00Z">18/03/2025</time></p>
<figure><img src="${OWN_IMAGE_PATH}${vector.id}/lead.svg" alt="${escapeAttr(prose.lang === 'fr' ? 'La rivière en crue' : 'The river in flood')}" width="800" height="450"></figure>
<p>${p1}</p>
<p>${p2}</p>
<p>${p3}</p>
${carrier}
<p>${p6}</p>
<p>${p7}</p>
<p>${p8}</p>
</article>
</main>
<footer><p>© ${escapeText(prose.site)}</p></footer>
</body>
</html>
`;
}
