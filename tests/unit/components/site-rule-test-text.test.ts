// The words of "Test on the current page": per site (the page tested and the paragraphs kept, or why nothing
// was tested) and per rule (what it hides there, or that it was not applied), in English and French.
import { describe, expect, it } from 'vitest';
import { ruleTestLine, ruleTestSummary, type RuleTestState } from '../../../components/site-rule-test-text.ts';
import type { SiteRuleTest } from '../../../contracts/site-rule-test.ts';
import { localized } from '../../support/translate.ts';

const en = localized('en');
const fr = localized('fr');
const NNBSP = '\u202f';
/** CLDR's French percent sign takes a no-break space (core/util/locale-format.ts). */
const NBSP = '\u00a0';
const SITE = 'echo-des-dunes.example';
const done = (test: SiteRuleTest): RuleTestState => ({ kind: 'done', test });
const page = { url: `https://${SITE}/a/`, title: 'Le port de pêche rénové' };

const tested = done({
  ok: true,
  site: SITE,
  page,
  paragraphs: 1,
  rules: [
    { id: 'site:one', hidden: ['Offre d’été : abonnez-vous'] },
    { id: 'site:many', hidden: ['a', 'b', 'c', 'd'] },
    { id: 'site:none', hidden: [] },
    { id: 'site:most', hidden: [], refused: { reason: 'too-much-text', share: 0.62 } },
    { id: 'site:first', hidden: [], refused: { reason: 'first-paragraph', share: 0.1 } },
  ],
});
const failed = (reason: 'no-tab' | 'timeout' | 'loading' | 'unreadable' | 'error'): RuleTestState =>
  done({ ok: false, site: SITE, reason, page, pageReason: 'not-article', message: 'Could not establish connection' });

describe('ruleTestLine', () => {
  it('says what each rule hides on the page tested, or that it was not applied (English)', () => {
    const line = (id: string) => ruleTestLine(en, 'en', tested, id);
    expect(line('site:one')).toBe('On this page it hides 1 block: “Offre d’été : abonnez-vous”');
    expect(line('site:many')).toBe('On this page it hides 4 blocks: “a”, “b”, “c”, …');
    expect(line('site:none')).toBe('On this page it hides nothing.');
    expect(line('site:most')).toBe('Not applied on this page: it would hide 62% of the article’s text.');
    expect(line('site:first')).toBe('Not applied on this page: it would hide the article’s first paragraph.');
    expect(line('site:other')).toBeNull();
    expect(ruleTestLine(en, 'en', { kind: 'testing' }, 'site:one')).toBeNull();
    expect(ruleTestLine(en, 'en', failed('no-tab'), 'site:one')).toBeNull();
  });

  it('in French, with its typography (narrow no-break spaces before : and inside « »)', () => {
    const line = (id: string) => ruleTestLine(fr, 'fr', tested, id);
    expect(line('site:one')).toBe(
      `Sur cette page, elle masque 1 bloc${NNBSP}: «${NNBSP}Offre d’été : abonnez-vous${NNBSP}»`,
    );
    expect(line('site:many')).toBe(
      `Sur cette page, elle masque 4 blocs${NNBSP}: «${NNBSP}a${NNBSP}», «${NNBSP}b${NNBSP}», «${NNBSP}c${NNBSP}», …`,
    );
    expect(line('site:most')).toBe(
      `Pas appliquée sur cette page${NNBSP}: elle masquerait 62${NBSP}% du texte de l’article.`,
    );
  });
});

describe('ruleTestSummary', () => {
  it('names the page tested and the paragraphs the article keeps, with the plural agreeing', () => {
    expect(ruleTestSummary(en, 'en', SITE, tested)).toBe(
      'Tested on “Le port de pêche rénové”: the article keeps 1 paragraph.',
    );
    expect(ruleTestSummary(fr, 'fr', SITE, tested)).toBe(
      `Testé sur «${NNBSP}Le port de pêche rénové${NNBSP}»${NNBSP}: l’article garde 1 paragraphe.`,
    );
    const untitled = done({ ok: true, site: SITE, page: { url: page.url, title: '' }, paragraphs: 12, rules: [] });
    expect(ruleTestSummary(en, 'en', SITE, untitled)).toBe(`Tested on “${page.url}”: the article keeps 12 paragraphs.`);
    expect(ruleTestSummary(en, 'en', SITE, { kind: 'testing' })).toBe(`Testing on the open page of ${SITE}…`);
  });

  it('says exactly why nothing was tested and what to do', () => {
    expect(ruleTestSummary(en, 'en', SITE, failed('no-tab'))).toBe(
      `Open a page of ${SITE} and click Clear Reader on it (or press its shortcut), then test again: ` +
        'Clear Reader reads only the pages you ask it to.',
    );
    expect(ruleTestSummary(en, 'en', SITE, failed('timeout'))).toBe(
      `The open page of ${SITE} did not answer within 15 sec (it may still be loading). Try again in a moment.`,
    );
    expect(ruleTestSummary(en, 'en', SITE, failed('loading'))).toBe(
      `The open page of ${SITE} is still loading. Try again once it has loaded.`,
    );
    expect(ruleTestSummary(en, 'en', SITE, failed('unreadable'))).toBe(
      `Clear Reader could not test on the open page of ${SITE}. This page does not look like an article.`,
    );
    expect(ruleTestSummary(en, 'en', SITE, failed('error'))).toBe(
      'The test did not run (Could not establish connection). Try again.',
    );
    expect(ruleTestSummary(fr, 'fr', SITE, failed('timeout'))).toBe(
      `La page ouverte de ${SITE} n’a pas répondu en 15${NNBSP}s (elle se charge peut-être encore). Réessayez dans un instant.`,
    );
  });
});
