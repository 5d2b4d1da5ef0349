// Realistic reading-list items as data: French and English news sites, their URL shapes, titles, tags and
// dates, generated from a seed (the sync benchmark fills sync storage with them; tests search and encode them).
import { mulberry32 } from './random.ts';
import type { ItemChange, NewItem } from '../../core/reading-list/index.ts';

/** A list written as one string, `|` between entries. */
const words = (list: string): string[] => list.split('|');

const FR = {
  people: words(
    'Emmanuel Macron|Michel Barnier|Marine Le Pen|Jean-Luc Mélenchon|Gabriel Attal|François Bayrou|Anne Hidalgo|Édouard Philippe|Bruno Retailleau|Olivier Faure|la Première ministre|le ministre de l’Intérieur|la maire de Lille|le préfet du Rhône|Kylian Mbappé|Antoine Dupont|Léon Marchand|Aya Nakamura|la procureure de Paris|le Conseil constitutionnel|la CGT|le patronat|les agriculteurs|les enseignants|les syndicats de cheminots|la Cour des comptes|l’Assemblée nationale|le Sénat|l’Élysée|Matignon|Volodymyr Zelensky|Vladimir Poutine|Donald Trump|Kamala Harris|Olaf Scholz|Giorgia Meloni|Benyamin Nétanyahou|Xi Jinping|l’OMS|la Banque centrale européenne|TotalEnergies|la SNCF',
  ),
  verbs: words(
    'annonce|dénonce|promet|réclame|refuse|défend|accuse|s’inquiète de|prépare|lance|suspend|confirme|rejette|critique|salue|exige|propose|renonce à|relance|met en garde contre',
  ),
  things: words(
    'la réforme des retraites|le budget 2025|une hausse des impôts|la loi immigration|un plan d’économies|la dissolution|le projet de loi sur la fin de vie|la hausse du prix de l’électricité|un cessez-le-feu|les sanctions contre Moscou|la réforme de l’assurance-chômage|le déficit public|la grève des contrôleurs|un nouveau plan climat|la fermeture de l’usine|les violences à Nouméa|la pénurie de médecins|le prix des carburants|l’accord de libre-échange avec le Mercosur|la vidéosurveillance algorithmique|les Jeux olympiques de Paris|le réchauffement des océans|la sécheresse dans les Pyrénées-Orientales|la hausse des loyers|la crise du logement|l’intelligence artificielle à l’école|le harcèlement scolaire|la sécurité des urgences|les néonicotinoïdes|la taxe sur les superprofits|le nucléaire civil|les retards de la ligne 13|le marché de l’art|la filière laitière|les prix de l’immobilier ancien|le recrutement des policiers|la santé mentale des étudiants|le chômage des seniors|les éoliennes en mer|la dette des hôpitaux|le festival d’Avignon|la Coupe du monde de rugby|la vaccination contre la grippe|le port du voile à l’école|la protection de l’enfance|les déserts médicaux|le vote des Français de l’étranger',
  ),
  places: words(
    'à Marseille|à Lyon|en Bretagne|à Gaza|en Ukraine|à Kharkiv|en Nouvelle-Calédonie|à Mayotte|dans les Hauts-de-France|à Bruxelles|à Washington|au Sahel|à Bordeaux|en Corse|à Toulouse|au Liban|en Iran|à Strasbourg|dans le Gard|à Rennes|en Seine-Saint-Denis|à Nice|au Mali',
  ),
  events: words(
    'une explosion fait trois morts|les secours toujours mobilisés|la colère monte chez les habitants|ce que l’on sait de l’attaque|l’enquête progresse|un suspect interpellé|les écoles fermées jusqu’à lundi|des milliers de manifestants dans les rues|le bilan s’alourdit|la justice ouvre une enquête|la préfecture déclenche l’alerte rouge|un incendie ravage 800 hectares|le trafic SNCF très perturbé|les négociations reprennent|la majorité divisée|un accord trouvé dans la nuit',
  ),
  heads: words(
    'Ce que l’on sait|Décryptage|Reportage|Enquête|Entretien|Témoignages|Vrai ou faux|Analyse|Chronique|Récit|Tribune|Portrait|Les questions que pose|Comment|Pourquoi',
  ),
};

const EN = {
  people: words(
    'Joe Biden|Donald Trump|Kamala Harris|Keir Starmer|Rishi Sunak|the prime minister|the chancellor|Elon Musk|the Supreme Court|the Senate|House Republicans|Democrats|the Fed|the EU|Nato|Volodymyr Zelenskyy|Vladimir Putin|Benjamin Netanyahu|Xi Jinping|Emmanuel Macron|the BBC|OpenAI|Apple|Google|Microsoft|Boeing|the NHS|teachers|junior doctors|rail unions|the Met police|the Home Office|the Pentagon|Taylor Swift|Manchester City|the IMF',
  ),
  verbs: words(
    'warns of|announces|rejects|backs|defends|faces questions over|pledges|scraps|delays|vows to fight|unveils|cuts|sues over|calls for|admits|reverses course on|doubles down on',
  ),
  things: words(
    'interest rates|the budget|tax cuts|immigration reform|the ceasefire deal|sanctions on Russia|a new climate plan|student loan forgiveness|the housing crisis|AI regulation|the strike|abortion rights|the border bill|NHS waiting lists|energy bills|the Rwanda plan|tariffs on China|the debt ceiling|gun control|the heatwave|wildfire season|the election result|inflation figures|self-driving cars|the data breach|the merger|layoffs|the trial|the inquiry|water companies|the hosepipe ban|sewage spills|the four-day week|childcare costs|the bird flu outbreak|TikTok|crypto regulation|the jobs report|mortgage rates|the space launch|the measles outbreak|chip exports|the teachers’ pay offer|the Post Office scandal|offshore wind|the Gaza aid corridor|the World Cup bid',
  ),
  places: words(
    'in Gaza|in Ukraine|in Kharkiv|in Texas|in California|in London|in Scotland|in Wales|in Brussels|in Taiwan|in Sudan|in Haiti|in Florida|in Georgia|in Manchester|in Paris|in Beijing|in Tel Aviv|in Lebanon|in Iran|on Capitol Hill|in Arizona|in Ohio|in Kenya',
  ),
  events: words(
    'what we know so far|live updates|death toll rises|thousands evacuated|police make arrests|officials say|a timeline|five takeaways|why it matters|the key questions|explained|what happens next|in pictures|voters head to the polls|talks collapse|a deal is struck',
  ),
  heads: words(
    'Analysis|Opinion|Explainer|The big story|Live|Exclusive|Review|Interview|Fact check|How|Why|What|Inside',
  ),
};

interface Site {
  host: string;
  name: string;
  lang: 'fr' | 'en';
  sections: string[];
  url: (r: () => number, slug: string, date: Date, section: string) => string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const alnum = (r: () => number, n: number, chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') =>
  Array.from({ length: n }, () => chars[Math.floor(r() * chars.length)]).join('');
const hex = (r: () => number, n: number) => alnum(r, n, '0123456789abcdef');
const ymd = (d: Date, sep = '/') => [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())].join(sep);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const SITES: Site[] = [
  {
    host: 'www.lemonde.fr',
    name: 'Le Monde',
    lang: 'fr',
    sections: ['international', 'politique', 'economie', 'planete', 'societe', 'culture', 'sport', 'pixels', 'idees'],
    url: (r, slug, d, s) =>
      `https://www.lemonde.fr/${s}/article/${ymd(d)}/${slug}_${digits(r, 7)}_${digits(r, 4)}.html`,
  },
  {
    host: 'www.lefigaro.fr',
    name: 'Le Figaro',
    lang: 'fr',
    sections: ['politique', 'international', 'economie', 'sciences', 'culture', 'actualite-france', 'sports'],
    url: (r, slug, d, s) => `https://www.lefigaro.fr/${s}/${slug}-${ymd(d, '')}`,
  },
  {
    host: 'www.liberation.fr',
    name: 'Libération',
    lang: 'fr',
    sections: ['politique', 'international/europe', 'societe/police-justice', 'economie/social', 'culture/cinema'],
    url: (r, slug, d, s) => `https://www.liberation.fr/${s}/${slug}-${ymd(d, '')}_${alnum(r, 26)}/`,
  },
  {
    host: 'www.francetvinfo.fr',
    name: 'Franceinfo',
    lang: 'fr',
    sections: ['politique/gouvernement', 'monde/europe', 'societe/justice', 'economie/emploi', 'meteo/canicule'],
    url: (r, slug, d, s) => `https://www.francetvinfo.fr/${s}/${slug}_${digits(r, 7)}.html`,
  },
  {
    host: 'www.ouest-france.fr',
    name: 'Ouest-France',
    lang: 'fr',
    sections: ['bretagne/rennes-35000', 'pays-de-la-loire/nantes-44000', 'normandie/caen-14000', 'politique', 'monde'],
    url: (r, slug, d, s) =>
      `https://www.ouest-france.fr/${s}/${slug}-${hex(r, 8)}-${hex(r, 4)}-11ef-${hex(r, 4)}-${hex(r, 12)}`,
  },
  {
    host: 'www.20minutes.fr',
    name: '20 Minutes',
    lang: 'fr',
    sections: ['politique', 'monde', 'societe', 'sport', 'high-tech', 'paris', 'marseille'],
    url: (r, slug, d, s) => `https://www.20minutes.fr/${s}/${digits(r, 7)}-${ymd(d, '')}-${slug}`,
  },
  {
    host: 'www.leparisien.fr',
    name: 'Le Parisien',
    lang: 'fr',
    sections: ['politique', 'faits-divers', 'economie', 'international', 'seine-saint-denis-93'],
    url: (r, slug, d, s) =>
      `https://www.leparisien.fr/${s}/${slug}-${[pad(d.getUTCDate()), pad(d.getUTCMonth() + 1), d.getUTCFullYear()].join('-')}-${alnum(r, 26)}.php`,
  },
  {
    host: 'www.lesechos.fr',
    name: 'Les Echos',
    lang: 'fr',
    sections: ['economie-france/budget-fiscalite', 'finance-marches/marches-financiers', 'monde/europe', 'tech-medias'],
    url: (r, slug, d, s) => `https://www.lesechos.fr/${s}/${slug}-${digits(r, 7)}`,
  },
  {
    host: 'www.theguardian.com',
    name: 'The Guardian',
    lang: 'en',
    sections: [
      'world',
      'politics',
      'business',
      'environment',
      'technology',
      'us-news',
      'uk-news',
      'sport',
      'commentisfree',
    ],
    url: (r, slug, d, s) =>
      `https://www.theguardian.com/${s}/${d.getUTCFullYear()}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCDate())}/${slug}`,
  },
  {
    host: 'www.bbc.com',
    name: 'BBC News',
    lang: 'en',
    sections: ['news'],
    url: (r) => `https://www.bbc.com/news/articles/c${alnum(r, 10, '0123456789abcdefghijklmnopqrstuvwxyz')}o`,
  },
  {
    host: 'www.nytimes.com',
    name: 'The New York Times',
    lang: 'en',
    sections: [
      'us/politics',
      'world/europe',
      'world/middleeast',
      'business/economy',
      'technology',
      'climate',
      'opinion',
    ],
    url: (r, slug, d, s) => `https://www.nytimes.com/${ymd(d)}/${s}/${slug}.html`,
  },
  {
    host: 'www.washingtonpost.com',
    name: 'The Washington Post',
    lang: 'en',
    sections: ['politics', 'world', 'business', 'technology', 'climate-environment', 'national-security'],
    url: (r, slug, d, s) => `https://www.washingtonpost.com/${s}/${ymd(d)}/${slug}/`,
  },
  {
    host: 'www.reuters.com',
    name: 'Reuters',
    lang: 'en',
    sections: [
      'world/europe',
      'world/us',
      'business/energy',
      'markets/us',
      'technology',
      'sustainability/climate-energy',
    ],
    url: (r, slug, d, s) => `https://www.reuters.com/${s}/${slug}-${ymd(d, '-')}/`,
  },
  {
    host: 'apnews.com',
    name: 'AP News',
    lang: 'en',
    sections: ['article'],
    url: (r, slug) => `https://apnews.com/article/${slug}-${hex(r, 32)}`,
  },
  {
    host: 'www.npr.org',
    name: 'NPR',
    lang: 'en',
    sections: ['sections'],
    url: (r, slug, d) => `https://www.npr.org/${ymd(d)}/${digits(r, 10)}/${slug}`,
  },
  {
    host: 'arstechnica.com',
    name: 'Ars Technica',
    lang: 'en',
    sections: ['science', 'tech-policy', 'gadgets', 'security', 'cars', 'ai'],
    url: (r, slug, d, s) => `https://arstechnica.com/${s}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${slug}/`,
  },
];

/** The long tail: sites a reader saves from now and then, with the URL shapes most CMSs use. */
const TAIL: [string, string, 'fr' | 'en'][] = [
  ['www.mediapart.fr', 'Mediapart', 'fr'],
  ['www.la-croix.com', 'La Croix', 'fr'],
  ['www.humanite.fr', 'L’Humanité', 'fr'],
  ['www.nouvelobs.com', 'L’Obs', 'fr'],
  ['www.lexpress.fr', 'L’Express', 'fr'],
  ['www.lepoint.fr', 'Le Point', 'fr'],
  ['www.sudouest.fr', 'Sud Ouest', 'fr'],
  ['www.ladepeche.fr', 'La Dépêche', 'fr'],
  ['www.radiofrance.fr', 'Radio France', 'fr'],
  ['www.rfi.fr', 'RFI', 'fr'],
  ['www.numerama.com', 'Numerama', 'fr'],
  ['www.courrierinternational.com', 'Courrier international', 'fr'],
  ['www.theverge.com', 'The Verge', 'en'],
  ['www.wired.com', 'Wired', 'en'],
  ['www.ft.com', 'Financial Times', 'en'],
  ['www.economist.com', 'The Economist', 'en'],
  ['www.politico.eu', 'Politico', 'en'],
  ['www.independent.co.uk', 'The Independent', 'en'],
  ['www.vox.com', 'Vox', 'en'],
  ['www.axios.com', 'Axios', 'en'],
  ['edition.cnn.com', 'CNN', 'en'],
  ['www.aljazeera.com', 'Al Jazeera', 'en'],
  ['www.newyorker.com', 'The New Yorker', 'en'],
  ['www.theatlantic.com', 'The Atlantic', 'en'],
];

const TAIL_SITES: Site[] = TAIL.map(([host, name, lang], i) => ({
  host,
  name,
  lang,
  sections: ['news', 'world', 'politics', 'economy', 'culture', 'science', 'tech'],
  url: (r, slug, d, s) =>
    [
      () => `https://${host}/${s}/${slug}-${digits(r, 6)}`,
      () => `https://${host}/${ymd(d)}/${s}/${slug}/`,
      () => `https://${host}/${s}/article/${slug}_${digits(r, 8)}.html`,
      () => `https://${host}/${s}/${ymd(d)}/${slug}`,
    ][i % 4]!(),
}));

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A made-up proper noun (a town, a person, a company): real headlines are full of names no list holds. */
function name(r: () => number): string {
  const syllables = [
    'ka',
    'ro',
    'vel',
    'mi',
    'tan',
    'bru',
    'sel',
    'or',
    'gu',
    'lin',
    'dé',
    'sha',
    'po',
    'ric',
    'ten',
    'ar',
    'zo',
    'mé',
    'li',
    'ber',
    'quin',
    'ast',
    'ny',
    'vik',
    'hol',
    'ma',
    'ès',
    'tr',
    'chi',
    'wa',
    'el',
    'ford',
  ];
  const word = () => capitalize(Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, syllables)).join(''));
  return r() < 0.5 ? word() : `${word()} ${word()}`;
}

function headline(r: () => number, lang: 'fr' | 'en'): string {
  const v = lang === 'fr' ? FR : EN;
  const n = 2 + Math.floor(r() * 300);
  const year = 2023 + Math.floor(r() * 3);
  const colon = lang === 'fr' ? ' :' : ':';
  // Half the people and places named are outside the lists.
  const who = () => (r() < 0.5 ? name(r) : pick(r, v.people));
  const where = () => (r() < 0.5 ? `${lang === 'fr' ? 'à' : 'in'} ${name(r)}` : pick(r, v.places));
  switch (Math.floor(r() * 7)) {
    case 0:
      return `${capitalize(who())} ${pick(r, v.verbs)} ${pick(r, v.things)}`;
    case 1:
      return `${capitalize(pick(r, v.things))} ${where()}${colon} ${pick(r, v.events)}`;
    case 2:
      return `${pick(r, v.heads)}${colon} ${pick(r, v.things)} ${where()}, ${pick(r, v.events)}`;
    case 3:
      return lang === 'fr'
        ? `« ${capitalize(pick(r, v.things))}, c’est ${pick(r, ['un échec', 'une urgence', 'un tournant', 'une erreur', 'une chance'])} » : ${who()} ${pick(r, v.verbs)} ${pick(r, v.things)}`
        : `‘${capitalize(pick(r, v.things))} is ${pick(r, ['a failure', 'an emergency', 'a turning point', 'a mistake'])}’: ${who()} ${pick(r, v.verbs)} ${pick(r, v.things)}`;
    case 4:
      return `${capitalize(who())} ${pick(r, v.verbs)} ${pick(r, v.things)} ${where()} ${lang === 'fr' ? `après ${n} jours de crise` : `after ${n} days of talks`}`;
    case 5:
      return lang === 'fr'
        ? `${name(r)}, ${n} ans, ${pick(r, ['condamné', 'relaxé', 'mis en examen', 'entendu', 'libéré'])} ${where()}`
        : `${name(r)}, ${n}, ${pick(r, ['charged', 'cleared', 'arrested', 'released', 'sentenced'])} ${where()}`;
    default:
      return `${capitalize(pick(r, v.events))} ${where()}${colon} ${pick(r, v.things)} ${lang === 'fr' ? 'en' : 'in'} ${year}`;
  }
}

function slugify(title: string, maxWords: number): string {
  return title
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’'«»‘]/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, maxWords)
    .join('-');
}

export interface GeneratedItem {
  item: NewItem;
  /** Seconds after the first save. */
  savedAfter: number;
  changes: { after: number; change: ItemChange }[];
  /** Some article text, for search. */
  text: string;
}

const TAGS = [
  'à lire',
  'politique',
  'climat',
  'tech',
  'travail',
  'ukraine',
  'économie',
  'long read',
  'science',
  'sport',
];

/** `n` saved articles, about 55% French, spread over two years, as a reader leaves them. */
export function realisticItems(n: number, seed = 1): GeneratedItem[] {
  const r = mulberry32(seed);
  const start = Date.UTC(2025, 0, 1);
  const out: GeneratedItem[] = [];
  const seen = new Set<string>();
  let t = 0;
  while (out.length < n) {
    const lang = r() < 0.55 ? 'fr' : 'en';
    // Three saves in four come from the reader's usual sites, the rest from the long tail.
    const site = pick(
      r,
      (r() < 0.75 ? SITES : TAIL_SITES).filter((s) => s.lang === lang),
    );
    const title = headline(r, lang);
    t += Math.floor(r() * 20_000); // a few saves a day
    const date = new Date(start + t * 1000 - Math.floor(r() * 3) * 86_400_000);
    const url = site.url(r, slugify(title, 6 + Math.floor(r() * 8)), date, pick(r, site.sections));
    if (seen.has(url)) continue;
    seen.add(url);
    const tracking = r() < 0.3 ? `?utm_source=${pick(r, ['twitter', 'newsletter', 'facebook'])}&utm_medium=social` : '';
    const v = lang === 'fr' ? FR : EN;
    const sentences = Array.from(
      { length: 30 },
      () => `${capitalize(pick(r, v.people))} ${pick(r, v.verbs)} ${pick(r, v.things)} ${pick(r, v.places)}.`,
    );
    const changes: GeneratedItem['changes'] = [];
    const age = Math.floor(r() * 5 * 86_400);
    if (r() < 0.6) changes.push({ after: age, change: { field: 'progress', value: Math.round(r() * 1000) / 1000 } });
    if (r() < 0.55) changes.push({ after: age + 600, change: { field: 'state', value: 'archived' } });
    if (r() < 0.08) changes.push({ after: age + 60, change: { field: 'favourite', value: true } });
    if (r() < 0.12) {
      const tags = [pick(r, TAGS), ...(r() < 0.3 ? [pick(r, TAGS)] : [])];
      changes.push({ after: age + 30, change: { field: 'tags', value: tags } });
    }
    out.push({
      item: {
        url: url + tracking,
        canonicalUrl: url,
        title,
        site: site.name,
        lang,
        excerpt: sentences.slice(0, 2).join(' '),
      },
      savedAfter: t,
      changes,
      text: sentences.join(' '),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements.
