import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  extractArticle,
  findPublisherSummary,
  findSummaryBox,
  splitParagraphs,
  summarize,
  summaryLength,
  type Article,
} from '../../../core/reader/index.ts';
import { page } from '../../support/dom.ts';

// Hand-written articles, with the clutter real sites put around and inside them. (They live here
// rather than in tests/fixtures/, where every folder is a golden cleanup fixture.)

const FR_PAGE = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Lyon ferme le pont Wilson pour dix-huit mois de travaux – Le Progrès du Rhône</title>
<meta property="og:description" content="Le pont, fragilisé par la crue de 2023, sera fermé aux voitures dès le 6 janv. Les piétons garderont une passerelle provisoire.">
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/lyon">Lyon</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Lyon ferme le pont Wilson pour dix-huit mois de travaux</h1>
<p class="reading-time">Temps de lecture : 4 minutes</p>
<div class="essentiel"><h2>L’essentiel</h2><ul>
<li>Le pont Wilson sera fermé aux voitures à partir du 6 janvier pour dix-huit mois.</li>
<li>Une passerelle provisoire permettra aux piétons et aux cyclistes de traverser le Rhône.</li>
<li>Le chantier coûtera 42,5 millions d’euros, financés par la Métropole et l’État.</li>
</ul></div>
<p>La Métropole de Lyon a annoncé lundi la fermeture du pont Wilson à la circulation automobile à partir du 6 janv. 2025, pour un chantier de consolidation qui doit durer dix-huit mois. L’ouvrage, qui relie la presqu’île au quartier de la Guillotière, avait été fragilisé par la crue du Rhône de l’automne 2023.</p>
<p>Selon les relevés des ingénieurs, deux des piles du pont présentent des fissures qui se sont élargies de 3,5 millimètres en un an. « Nous ne pouvions pas attendre davantage. » a expliqué M. Bernard Vasseur, vice-président chargé des mobilités. Il a précisé que le pont restait sûr pour les piétons.</p>
<figure><img src="/img/pont.jpg" alt=""><figcaption>Le pont Wilson, vu depuis le quai Augagneur. © Photo Le Progrès / J. Martin</figcaption></figure>
<p>Pendant toute la durée des travaux, une passerelle provisoire de quatre mètres de large sera installée en aval du pont pour les piétons et les cyclistes. Les bus des lignes C3 et C13 seront déviés par le pont de la Guillotière, ce qui allongera les trajets de cinq à dix minutes aux heures de pointe, selon les estimations du Sytral.</p>
<p><strong>Lire aussi :</strong> <a href="/lyon/circulation-presquile">Circulation : la presqu’île piétonne dès l’été</a></p>
<h2>Un chantier à 42,5 millions d’euros</h2>
<p>Le coût total du chantier est évalué à 42,5 millions d’euros, dont 30 millions à la charge de la Métropole et le reste financé par l’État dans le cadre du plan de résilience des ouvrages d’art. Mme Claire Rochette, directrice des infrastructures, a indiqué que les entreprises retenues seraient connues à la fin du mois de novembre.</p>
<p>Les commerçants du quartier de la Guillotière s’inquiètent déjà de la baisse de fréquentation. « Quand le pont Morand a fermé en 2019, nous avons perdu près d’un quart de notre clientèle », rappelle J.-L. Ferrand, président de l’association des commerçants. La Métropole promet une campagne de signalisation et un fonds d’indemnisation de deux millions d’euros pour les boutiques les plus touchées.</p>
<p>Les riverains, eux, redoutent surtout le bruit. Les travaux les plus lourds, notamment le renforcement des piles par des micropieux, auront lieu de nuit entre mars et juin afin de ne pas gêner la navigation fluviale. Une réunion publique est prévue le 12 déc. à la mairie du 7e arrondissement.</p>
<h2>Un pont presque bicentenaire</h2>
<p>Construit entre 1837 et 1839, puis reconstruit après sa destruction en 1944, le pont Wilson est l’un des plus anciens franchissements du Rhône à Lyon. Il voit passer chaque jour environ 24 000 véhicules, selon les comptages de la Métropole. Les ingénieurs estiment que, sans travaux, il aurait fallu en limiter l’accès aux véhicules légers d’ici deux ans.</p>
<div class="newsletter"><p>Inscrivez-vous à notre newsletter pour recevoir chaque matin l’essentiel de l’actualité lyonnaise.</p></div>
</article></main>
<footer><p>© Le Progrès du Rhône 2024</p></footer></body></html>`;

const EN_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbor Bridge will close for repairs in January, city says | Bayview Courier</title>
<meta name="description" content="The 1931 bridge carries 18,000 cars a day. Engineers found corroded cables last spring.">
</head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<main><article>
<h1>Harbor Bridge will close for repairs in January, city says</h1>
<p>5 min read</p>
<p>Bayview will close the Harbor Bridge to all traffic on Jan. 6 for a $38.5 million repair of its corroded suspension cables, city officials said Monday, in a move that will reroute about 18,000 drivers a day onto the already crowded Route 9 causeway.</p>
<p>Mr. Daniel Ortiz, the city's public works director, said inspectors found corrosion on four of the bridge's main cables during a routine inspection last spring. "The bridge is safe today, but it will not stay safe without this work," he said.</p>
<figure><img src="/img/bridge.jpg" alt=""><figcaption>The Harbor Bridge at dusk. Photo: Jane Smith/Bayview Courier</figcaption></figure>
<p>The repairs are expected to take 14 months. During that time, a free shuttle will carry pedestrians and cyclists across the harbor every 15 minutes from 6 a.m. to midnight, and ferry service from the North Pier will double on weekdays.</p>
<p>Sign up for our newsletter to get local news in your inbox every morning.</p>
<h2>Businesses worry about lost customers</h2>
<p>Shop owners on Water Street, at the bridge's southern end, say the closure could cut their sales sharply. "Half of our customers drive over that bridge," said Linda Park, who has run a bakery on the street for 22 years. The city council has set aside $2 million in grants for businesses that can show a drop in revenue.</p>
<p>Traffic engineers expect morning commutes on the causeway to grow by 10 to 20 minutes. The city will retime traffic lights on Route 9 and add a temporary bus lane, according to a plan presented by Dr. Alan J. Reyes, the city's traffic consultant.</p>
<p>Related: <a href="/local/route-9-widening">Route 9 widening plan stalls again</a></p>
<h2>A bridge built in 1931</h2>
<p>The Harbor Bridge opened in 1931 and was last rebuilt in 1987. State inspectors rated its condition "fair" in 2022, and engineers warned that without new cables the city would have had to ban trucks from the bridge within three years.</p>
<p>The work will be paid for with $24 million from a federal infrastructure grant and $14.5 million from city bonds approved by voters in November. The contract went to Coastal Steel Works, which repaired the nearby Mill River Bridge in 2019.</p>
<p>Residents can find detour maps and shuttle schedules on the city's website, and a public meeting on the closure is scheduled for Dec. 12 at City Hall.</p>
</article></main>
<footer><p>Copyright 2024 Bayview Courier</p></footer></body></html>`;

function extract(html: string): Article {
  const doc = page(html);
  const result = extractArticle(doc, doc.URL);
  if (!result.ok) throw new Error(result.message);
  return result.article;
}

const JUNK = /Temps de lecture|Lire aussi|©|Photo|newsletter|min read|Sign up|Related|Inscrivez-vous/i;

describe('summarize: hand-written articles', () => {
  for (const [lang, html] of [
    ['fr', FR_PAGE],
    ['en', EN_PAGE],
  ] as const) {
    describe(lang, () => {
      const article = extract(html);
      const summary = summarize(article);
      const paragraphs = splitParagraphs(article.text);

      it('is local, and as long as the length rule says', () => {
        expect(summary.method).toBe('local');
        expect(article.wordCount).toBeGreaterThan(300);
        expect(summary.sentences).toHaveLength(summaryLength(article.wordCount));
      });

      it('picks no junk, no heading and no label', () => {
        for (const s of summary.sentences) {
          expect(s.text).not.toMatch(JUNK);
          expect(s.text.split(/\s+/).length).toBeGreaterThanOrEqual(6);
          expect(s.text).toMatch(/[.!?»"”]$/);
        }
      });

      it('cites the paragraph each sentence comes from, and keeps the article order', () => {
        let last = -1;
        for (const s of summary.sentences) {
          expect(paragraphs[s.paragraph]).toContain(s.text);
          const at = article.text.indexOf(s.text);
          expect(at).toBeGreaterThan(last);
          last = at;
        }
      });

      it('never repeats the title or the publisher summary', () => {
        for (const s of summary.sentences) {
          expect(s.text).not.toContain(article.title);
          for (const item of article.publisherSummary ?? []) expect(s.text).not.toBe(item);
        }
      });
    });
  }

  it('finds the French page’s "L’essentiel" box, and leaves its points to the publisher', () => {
    const article = extract(FR_PAGE);
    expect(article.publisherSummary).toEqual([
      'Le pont Wilson sera fermé aux voitures à partir du 6 janvier pour dix-huit mois.',
      'Une passerelle provisoire permettra aux piétons et aux cyclistes de traverser le Rhône.',
      'Le chantier coûtera 42,5 millions d’euros, financés par la Métropole et l’État.',
    ]);
    // The box's points are in the text too; without the box, the summary could pick them.
    const withoutBox = summarize({ ...article, publisherSummary: null, lede: null });
    const withBox = summarize(article);
    expect(withoutBox.sentences.map((s) => s.text)).toContain(article.publisherSummary![0]);
    for (const s of withBox.sentences) expect(article.publisherSummary).not.toContain(s.text);
  });

  it('takes the English page’s description as its publisher summary, and does not repeat it', () => {
    const article = extract(EN_PAGE);
    expect(article.publisherSummary).toEqual([
      'The 1931 bridge carries 18,000 cars a day. Engineers found corroded cables last spring.',
    ]);
    const sentences = summarize(article).sentences.map((s) => s.text);
    expect(sentences[0]).toMatch(
      /^Bayview will close the Harbor Bridge to all traffic on Jan\. 6 for a \$38\.5 million/,
    );
    // "…said inspectors found corrosion on four of the bridge's main cables during a routine inspection
    // last spring" tells the description's "Engineers found corroded cables last spring" again.
    expect(sentences.join(' ')).not.toContain('Mr. Daniel Ortiz');
    expect(summarize({ ...article, publisherSummary: null, lede: null }).sentences.map((s) => s.text)).toContain(
      "Mr. Daniel Ortiz, the city's public works director, said inspectors found corrosion on four of the bridge's main cables during a routine inspection last spring.",
    );
  });
});

describe('summarize: rules', () => {
  // Distinct sentences from a small vocabulary: each shares few words with any other.
  const VOCABULARY = (
    'harbor ferry budget pier council tunnel bridge school library market river station museum garden ' +
    'tram stadium clinic airport factory village farm forest beach canal castle bakery theater highway ' +
    'subway hospital courthouse warehouse lighthouse orchard vineyard quarry mill dam reservoir lagoon ' +
    'glacier canyon meadow prairie desert island harbour volcano summit valley plateau marsh delta reef'
  ).split(' ');
  const sentence = (i: number) => {
    const words = Array.from({ length: 9 }, (_, k) => VOCABULARY[(i * 13 + k * k * 7 + k * 3) % VOCABULARY.length]);
    return `Report ${i} says the ${words.join(' and the ')} were reviewed.`;
  };
  const text = (words: number) => {
    const blocks: string[] = [];
    let n = 0;
    for (let i = 0; n < words; i++) {
      const s = sentence(i);
      blocks.push(s);
      n += s.split(' ').length;
    }
    return blocks.join('\n\n');
  };

  it('gives 2 sentences to a short piece and up to 5 to a long one, none to a tiny one', () => {
    expect([100, 200, 399, 400, 799, 800, 1499, 1500, 5000].map(summaryLength)).toEqual([0, 2, 2, 3, 3, 4, 4, 5, 5]);
    for (const words of [150, 500, 1000, 3000]) {
      expect(summarize({ text: text(words), lang: 'en' }).sentences).toHaveLength(summaryLength(words));
    }
    expect(summarize({ text: text(60), lang: 'en' }).sentences).toEqual([]);
    expect(summarize({ text: text(3000), lang: 'en' }, { sentences: 2 }).sentences).toHaveLength(2);
  });

  it('skips headings, labels, very short and very long sentences', () => {
    const long = `The commission ${'also reviewed the harbor budget and '.repeat(12)}adjourned.`;
    const body = [
      'Harbor budget approved',
      'Photo: Harbor Commission',
      'Read more',
      'Yes.',
      long,
      ...Array.from({ length: 12 }, (_, i) => sentence(i)),
    ].join('\n\n');
    const picked = summarize({ text: body, lang: 'en' }, { sentences: 5 }).sentences;
    expect(picked).toHaveLength(5);
    for (const s of picked) {
      expect(s.text).toMatch(/^Report \d+ says/);
      expect(s.paragraph).toBeGreaterThanOrEqual(5);
    }
  });

  it('does not pick a sentence that repeats the title', () => {
    const title = 'Harbor commission approves ferry budget for next year';
    const body = [
      'Harbor commission approves ferry budget for next year.',
      'The harbor commission on Tuesday approved the ferry budget for next year after a long debate over fares.',
      ...Array.from({ length: 10 }, (_, i) => sentence(i)),
    ].join('\n\n');
    const picked = summarize({ text: body, lang: 'en', title }, { sentences: 3 }).sentences.map((s) => s.text);
    expect(picked).not.toContain('Harbor commission approves ferry budget for next year.');
    expect(picked[0]).toMatch(/^The harbor commission on Tuesday/);
  });

  it('does not repeat the lede, even reworded inside a longer sentence', () => {
    const lede = 'Le conseil a voté mardi la gratuité des transports pour les moins de 18 ans.';
    const body = [
      'Le conseil municipal a voté mardi soir, à une large majorité, la gratuité des transports en commun pour les moins de 18 ans.',
      'La mesure coûtera environ 4 millions d’euros par an à la ville, qui compte la financer par une hausse du stationnement.',
      'L’opposition a dénoncé une décision prise sans étude d’impact sur la fréquentation des lignes les plus chargées.',
      'Les premiers abonnements gratuits seront distribués dans les collèges et les lycées à partir de la rentrée de septembre.',
      'Le maire a promis un premier bilan de la mesure au bout d’un an, devant le conseil municipal et les associations.',
    ].join('\n\n');
    const picked = summarize({ text: body, lang: 'fr', lede }, { sentences: 2 }).sentences;
    expect(picked.map((s) => s.paragraph)).toEqual([1, 2]);
  });

  it('handles Chinese text', () => {
    const zh = Array.from(
      { length: 12 },
      (_, i) => `市议会第${i}次会议讨论了港口预算和渡轮航线的维护问题，并决定增加公共交通的投入。`,
    ).join('\n\n');
    const picked = summarize({ text: zh, lang: 'zh' }, { sentences: 2 }).sentences;
    expect(picked).toHaveLength(2);
    for (const s of picked) expect(s.text).toMatch(/^市议会第\d+次会议.*。$/);
  });
});

describe('findPublisherSummary', () => {
  const root = (html: string) => page(`<html><body><article>${html}</article></body></html>`).body.firstElementChild!;
  const prose = '<p>The council met on Tuesday evening to vote on the budget for the coming year.</p>';

  it('reads a labelled list: "L’essentiel", "Key points" (heading or bold label)', () => {
    expect(
      findSummaryBox(
        root(
          `<div><h3>L’essentiel :</h3><ul><li>Premier point du résumé.</li><li>Second point du résumé.</li></ul></div>${prose}`,
        ),
      ),
    ).toEqual(['Premier point du résumé.', 'Second point du résumé.']);
    expect(
      findSummaryBox(
        root(
          `${prose}<div><p><strong>Key points</strong></p><ul><li>The budget passed 5-2.</li><li>Parking fees go up in May.</li></ul></div>`,
        ),
      ),
    ).toEqual(['The budget passed 5-2.', 'Parking fees go up in May.']);
  });

  it('reads a box of paragraphs, an inline "TL;DR:" and a heading followed by one paragraph', () => {
    expect(
      findSummaryBox(
        root(
          `<aside><div><span>Ce qu’il faut retenir</span></div><div><p>Le budget est adopté.</p><p>Le stationnement augmente en mai.</p></div></aside>${prose}`,
        ),
      ),
    ).toEqual(['Le budget est adopté.', 'Le stationnement augmente en mai.']);
    expect(
      findSummaryBox(root(`<p><b>TL;DR:</b> the budget passed and parking fees go up in May.</p>${prose}`)),
    ).toEqual(['the budget passed and parking fees go up in May.']);
    expect(
      findSummaryBox(root(`<h2>En bref</h2><p>Le budget est adopté, le stationnement augmente.</p>${prose}${prose}`)),
    ).toEqual(['Le budget est adopté, le stationnement augmente.']);
  });

  it('ignores an empty box, and the label words inside running text', () => {
    expect(findSummaryBox(root(`<div><p><strong>Key points</strong></p><ul></ul></div>${prose}`))).toBeNull();
    expect(
      findSummaryBox(root(`<p>The mayor said, <em>in short</em>, that the budget was fine as it was.</p>`)),
    ).toBeNull();
    expect(findSummaryBox(root(`<h2>Summary of the debate</h2>${prose}`))).toBeNull();
  });

  it('falls back to the lede, then to the JSON-LD description', () => {
    const box = `<div><h3>At a glance</h3><ul><li>The budget passed 5-2.</li></ul></div>`;
    expect(
      findPublisherSummary(root(box + prose), { lede: 'The council passed its budget after a long night.' }),
    ).toEqual(['The budget passed 5-2.']);
    expect(findPublisherSummary(root(prose), { lede: 'The council passed its budget after a long night.' })).toEqual([
      'The council passed its budget after a long night.',
    ]);
    expect(
      findPublisherSummary(root(prose), { lede: null, description: 'A description from JSON-LD, long enough.' }),
    ).toEqual(['A description from JSON-LD, long enough.']);
    expect(findPublisherSummary(root(prose))).toBeNull();
  });

  it('is filled by extractArticle, from JSON-LD when the page has no description meta', () => {
    const paragraphs = Array.from(
      { length: 5 },
      () =>
        '<p>The city council approved a transitional budget on Tuesday night that funds the renovation of three schools and new bike lanes.</p>',
    ).join('');
    const html = `<!DOCTYPE html><html lang="en"><head><title>Budget vote</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget vote","description":"Schools and bike lanes win in a budget passed 5-2."}</script>
</head><body><main><article><h1>Budget vote</h1>${paragraphs}</article></main></body></html>`;
    const doc = page(html);
    const result = extractArticle(doc, doc.URL);
    expect(result.ok && result.article.publisherSummary).toEqual([
      'Schools and bike lanes win in a budget passed 5-2.',
    ]);
    // Without any description, Readability's excerpt is the first paragraph: not a publisher summary.
    const bare = page(html.replace(/<script[^]*?<\/script>/, ''));
    const plain = extractArticle(bare, bare.URL);
    expect(plain.ok && plain.article.publisherSummary).toBeNull();
  });
});

describe('extract CLI --summary', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'cli/extract.ts', ...args], {
      cwd: join(import.meta.dirname, '../../..'),
    });

  it('adds summary and publisherSummary to the JSON output', async () => {
    const { stdout } = await cli('--summary', '--format', 'json');
    const record = JSON.parse(stdout) as {
      text: string;
      summary: { text: string; paragraph: number }[];
      publisherSummary: string[] | null;
    };
    expect(record.publisherSummary).toEqual([
      'Le directeur général de la DGSN et de la DGST, Abdelatif Hammouchi, a effectué une visite officielle en France du 26 au 28 juin.',
    ]);
    expect(record.summary.length).toBeGreaterThanOrEqual(2);
    const paragraphs = splitParagraphs(record.text);
    for (const s of record.summary) expect(paragraphs[s.paragraph]).toContain(s.text);
  }, 30_000);

  it('prints a Summary section before the article in text, and nothing more without --summary', async () => {
    const { stdout } = await cli('--summary');
    const lines = stdout.split('\n');
    expect(lines[3]).toBe('Summary');
    expect(lines[4]).toMatch(/^- /);
    expect(stdout.indexOf('Summary')).toBeLessThan(stdout.indexOf('Dans le cadre d’une initiative'));
    expect((await cli()).stdout).not.toMatch(/^Summary$/m);
  }, 30_000);
});
