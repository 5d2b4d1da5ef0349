import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  articleBlocks,
  extractArticle,
  isStableName,
  leadingLabel,
  learnSiteRule,
  parseSiteRule,
  RECORD_PROVENANCE,
  type Article,
  type ExtractOptions,
} from '../../../../core/reader/index.ts';
import { articlePage, page } from '../../../support/dom.ts';

const URL_ = 'https://news.example/2024/article.html';
const PROSE =
  'The city council approved a transitional budget on Tuesday night that funds the renovation of three schools, new protected bike lanes and a modest rise in downtown parking fees over the next two years.';

/** A page with the block between paragraphs of prose (at the end, the built-in trailing rules would take it). */
function middle(block: string, lang = 'en'): string {
  const p = (i: number) => `<p>${i}. ${PROSE}</p>`;
  return articlePage(`${p(5)}${p(6)}${block}${p(7)}${p(8)}`, { lang, paragraphs: 2 });
}

function run(html: string, options: ExtractOptions = {}, url = URL_): { doc: Document; article: Article } {
  const doc = page(html, url);
  const result = extractArticle(doc, url, options);
  if (!result.ok) throw new Error(result.message);
  return { doc, article: result.article };
}

describe('stable names', () => {
  it('keeps names a person wrote and drops generated ones', () => {
    for (const name of ['related-posts', 'encart-abonnement', 'promo', 'c-newsletter__box', 'adBox'])
      expect(isStableName(name), name).toBe(true);
    for (const name of ['css-1x2y3z', 'sc-bdVaJa', 'post-48213', 'jsx-2841922', 'styles_box__a1B2c', 'is-active', 'x'])
      expect(isStableName(name), name).toBe(false);
  });
});

describe('provenance', () => {
  it('is recorded only when asked, and never changes the article', () => {
    const dir = new URL('../../../fixtures/', import.meta.url);
    const names = readdirSync(dir).slice(0, 12);
    for (const name of names) {
      const meta = JSON.parse(readFileSync(new URL(`${name}/meta.json`, dir), 'utf8')) as { url: string };
      const html = readFileSync(new URL(`${name}/source.html`, dir), 'utf8');
      const plain = extractArticle(page(html, meta.url), meta.url, { force: true });
      const traced = extractArticle(page(html, meta.url), meta.url, { force: true, provenance: RECORD_PROVENANCE });
      if (!plain.ok || !traced.ok) continue;
      expect(plain.article.provenance).toBeUndefined();
      expect(traced.article.contentHtml, name).toBe(plain.article.contentHtml);
      expect(traced.article.contentHtml).not.toContain('data-cr-');
      // Block i of the provenance is block i of the rendered article.
      const rendered = page(`<div>${traced.article.contentHtml}</div>`).body.firstElementChild!;
      expect(articleBlocks(rendered).length, name).toBe(traced.article.provenance!.length);
    }
  });

  it('records the original tag, path, stable classes, role and text shape', () => {
    const { article } = run(
      middle(
        `<div class="encadre-dossier css-9f8e7d" role="note"><p>Ce que la ville prévoit pour les écoles, les pistes cyclables et le stationnement, quartier par quartier, avec les montants votés mardi.</p><p><a href="/d">Tout sur le budget</a></p></div>`,
      ),
      { provenance: RECORD_PROVENANCE },
    );
    const box = article.provenance!.find((b) => b.source?.classes.includes('encadre-dossier'));
    expect(box?.source).toMatchObject({ classes: ['encadre-dossier'], role: 'note', id: null });
    expect(box?.source?.path).toMatch(/^body > main > article > div\.encadre-dossier$/);
    expect(box?.text).toMatchObject({
      start: 'Ce que la ville prévoit pour les écoles, les pistes cyclables et le stationnemen',
      singleLink: false,
    });
  });

  it('follows the original through forms (divs in the copy) and dropped scripts', () => {
    const { doc, article } = run(
      articlePage(
        `<script>var x = 1;</script><form><input name="firstElementChild"><p class="pub">Publicité partenaire</p></form>`,
      ),
      { provenance: RECORD_PROVENANCE },
    );
    const block = article.provenance!.find((b) => b.text.start.startsWith('Publicité'));
    // The block is the form (a div in the clean article): the locator finds it in the original page.
    const found = doc.querySelector(block!.source!.locator)!;
    expect(found.localName).toBe('form');
    expect(found.querySelector('p.pub')).not.toBeNull();
  });
});

describe('learning', () => {
  const DOSSIER = `<p>Notre dossier : <a href="/d">Tout sur le budget de la ville</a></p>`;

  it('describes a block without stable markup by its text shape, run on the article', () => {
    const html = middle(DOSSIER, 'fr');
    const { doc, article } = run(html, { provenance: RECORD_PROVENANCE });
    const i = article.provenance!.findIndex((b) => b.text.start.startsWith('Notre dossier'));
    const rule = learnSiteRule({ page: doc, url: URL_, provenance: article.provenance!, block: i, id: 'site:d' });
    expect(rule).toMatchObject({
      id: 'site:d',
      site: 'news.example',
      selector: 'p',
      stage: 'article',
      text: { startsWith: 'Notre dossier :', singleLink: true },
    });
    const other = middle(`<p>Notre dossier : <a href="/e">Les écoles rénovées</a></p>`, 'fr');
    const hidden = run(other, { siteRules: [rule!] }).article;
    expect(hidden.text).not.toContain('Notre dossier');
    expect(hidden.removed).toContainEqual({ rule: 'site:d', text: 'Notre dossier : Les écoles rénovées' });
    expect(hidden.text.split('\n\n').filter((p) => p.length > 150)).toHaveLength(6);
  });

  it('climbs to a wrapper with stable markup when the block has none', () => {
    const html = middle(
      `<div class="encadre-visite"><div><p>La rédaction vous propose une visite guidée du port dimanche matin, avec les pêcheurs de la criée, les dockers du quai nord et l’équipe de la capitainerie, sur inscription.</p></div></div>`,
    );
    const { doc, article } = run(html, { provenance: RECORD_PROVENANCE });
    const i = article.provenance!.findIndex((b) => b.text.start.startsWith('La rédaction'));
    const rule = learnSiteRule({ page: doc, url: URL_, provenance: article.provenance!, block: i });
    expect(rule?.selector).toBe('div.encadre-visite');
    expect(rule?.stage).toBe('page');
    expect(rule?.id).toMatch(/^site:/);
  });

  it('never names a form, which the rules see as a div', () => {
    const box = `<form class="sondage"><div class="question-du-jour"><p>Faut-il piétonniser le centre-ville ? Votez avant dimanche soir, les résultats seront publiés lundi dans notre édition du matin.</p></div></form>`;
    const { doc, article } = run(middle(box, 'fr'), { provenance: RECORD_PROVENANCE });
    const i = article.provenance!.findIndex((b) => b.text.start.startsWith('Faut-il'));
    const rule = learnSiteRule({ page: doc, url: URL_, provenance: article.provenance!, block: i });
    expect(rule?.selector).toBe('div.question-du-jour');
    const hidden = run(middle(box.replace('Faut-il', 'Doit-on'), 'fr'), { siteRules: [rule!] }).article;
    expect(hidden.text).not.toContain('Doit-on');
  });

  it('gives up rather than describe the article paragraphs too', () => {
    const { doc, article } = run(articlePage(''), { provenance: RECORD_PROVENANCE });
    const rule = learnSiteRule({ page: doc, url: URL_, provenance: article.provenance!, block: 1 });
    expect(rule).toBeNull();
  });

  it('takes the label of a text, else its first words', () => {
    expect(leadingLabel('Lire aussi : Le port rouvre')).toBe('Lire aussi :');
    expect(leadingLabel('Publicité partenaire du jour')).toBe('Publicité partenaire du');
  });
});

describe('safety in the article stage', () => {
  const rule = (id: string, extra: object) =>
    ({ id, site: 'news.example', created: '', stage: 'article', ...extra }) as const;

  it('refuses a rule that takes the first paragraph, or over 40% of the text', () => {
    const html = middle('');
    const plain = run(html).article;
    const first = run(html, { siteRules: [rule('site:first', { text: { startsWith: '1.' } })] }).article;
    expect(first.contentHtml).toBe(plain.contentHtml);
    expect(first.refusedRules).toEqual([
      { rule: 'site:first', reason: 'first-paragraph', share: expect.any(Number) as unknown },
    ]);
    const most = run(html, { siteRules: [rule('site:most', { selector: 'p:nth-child(n+3)' })] }).article;
    expect(most.contentHtml).toBe(plain.contentHtml);
    expect(most.refusedRules).toMatchObject([{ rule: 'site:most', reason: 'too-much-text' }]);
    const one = run(html, { siteRules: [rule('site:one', { text: { startsWith: '6.' } })] }).article;
    expect(one.refusedRules).toEqual([]);
    expect(one.removed.map((r) => r.rule)).toEqual(['site:one']);
  });
});

describe('the data form', () => {
  it('reads back a learned rule as it was', () => {
    const { doc, article } = run(middle(`<p>Notre dossier : <a href="/d">Le budget</a></p>`, 'fr'), {
      provenance: RECORD_PROVENANCE,
    });
    const i = article.provenance!.findIndex((b) => b.text.start.startsWith('Notre dossier'));
    const rule = learnSiteRule({ page: doc, url: URL_, provenance: article.provenance!, block: i })!;
    expect(parseSiteRule(JSON.parse(JSON.stringify(rule)), doc)).toEqual(rule);
  });

  it('reads rules from JSON and rejects what is not one', () => {
    const doc = page('<p></p>');
    expect(parseSiteRule({ id: 'site:a', site: 'WWW.News.example', created: 'x', selector: 'aside.a' }, doc)).toEqual({
      id: 'site:a',
      site: 'news.example',
      created: 'x',
      selector: 'aside.a',
    });
    expect(parseSiteRule({ id: 'a', site: 'news.example', selector: 'aside' })).toBeNull();
    expect(parseSiteRule({ id: 'site:a', site: 'news.example' })).toBeNull();
    expect(parseSiteRule({ id: 'site:a', site: 'news.example', selector: 'aside[' }, doc)).toBeNull();
    expect(parseSiteRule({ id: 'site:a', site: 'n.example', text: { startsWith: 'Pub', singleLink: false } })).toEqual({
      id: 'site:a',
      site: 'n.example',
      created: '',
      text: { startsWith: 'Pub', singleLink: false },
    });
  });
});
