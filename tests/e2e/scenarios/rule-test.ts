// "Test on the current page" (issue 17) in the options page: the reader's rules for the fictional site, tested on
// its second article, open in the page tab after the reader used Clear Reader there (the in-page view): each rule
// says what it hides there (the promo box, the "Lire aussi :" line, nothing), the site's line how many paragraphs
// the article keeps; on the subscriber page the promo rule is said not applied. A site with no page Clear Reader
// may read gets the message saying what to do. Screenshots of the results in light and dark.
import { describe, expect, test } from 'vitest';
import { plural, type MessageKey } from '../../../contracts/i18n.ts';
import type { Driver, Tab } from '../../support/driver/index.ts';
import { localized } from '../../support/translate.ts';
import { PATHS } from '../server.ts';
import { artifact, inView, openViewOn, type Session } from './session.ts';

const SITE = '127.0.0.1';
/** A site with a page open that Clear Reader may not read (the test build's host access is 127.0.0.1 only). */
const UNGRANTED = 'localhost';

const rule = (id: string, site: string, created: string, more: object) => ({
  id: `site:${id}`,
  site,
  created: `2026-12-02T${created}:00.000Z`,
  ...more,
});
const RULES = [
  rule('e2epromo', SITE, '10:00', { selector: 'div.encart-abonnement', stage: 'page' }),
  rule('e2elire', SITE, '11:00', { text: { startsWith: 'Lire aussi :', singleLink: true } }),
  rule('e2enone', SITE, '12:00', { selector: 'aside.lettre-info' }),
  rule('e2elocal', UNGRANTED, '13:00', { selector: 'aside' }),
];

/** Stores the rules as the store keeps them (platform/site-rule-store.ts: records with their live register). */
async function storeRules(d: Driver) {
  const records = RULES.map((r) => ({ rule: r, live: { value: true, t: Date.now(), d: 'e2e' } }));
  await d.inExtension(({ api }, records) => api.storage.local.set({ siteRules: { v: 1, records } }), records);
}

async function clearRules(d: Driver) {
  await d.inExtension(async ({ api }) => {
    await api.storage.local.remove('siteRules');
    await api.storage.sync.remove('sr');
  }, null);
}

/** The buttons' background in each theme (--reader-accent-bg in components/reader.css). */
const BUTTON_BACKGROUND = { light: 'rgb(241, 243, 244)', dark: 'rgb(42, 41, 49)' };

const siteBlock = (site: string) => `.site-rules-site[data-site="${site}"]`;
const ruleLine = (id: string) => `.site-rule[data-rule="site:${id}"] .site-rule-test[role="status"]`;
const summary = (site: string) => `${siteBlock(site)} .site-rules-test-summary[role="status"]`;

/** Runs the site's test with a real click and waits until its line has said something other than "Testing". */
async function runTest(options: Tab, site: string, testing: string): Promise<string> {
  await options.bringToFront();
  const before = await options.text(summary(site));
  await options.click(`${siteBlock(site)} .site-rules-test-run`);
  await options.waitUntil(
    ({ selector, before, testing }) => {
      const text = document.querySelector<HTMLElement>(selector)?.innerText ?? '';
      return text !== '' && text !== before && text !== testing;
    },
    { selector: summary(site), before, testing },
    { timeout: 25_000 },
  );
  return options.text(summary(site));
}

export function ruleTestScenarios({ driver, server }: Session, lang: 'en' | 'fr' = 'en'): void {
  const t = localized(lang);
  const say = (key: MessageKey, ...subs: string[]) => t(key, subs);
  const file = (theme: string) => `rule-test${lang === 'en' ? '' : `-${lang}`}-${theme}.png`;

  describe(`Test site rules on the current page (${lang})`, () => {
    test('the rules tested on the open article: what each hides, the paragraphs kept; no page to test: why', async () => {
      const d = driver();
      const page = d.pageTab;
      await storeRules(d);
      let options: Tab | undefined;
      try {
        // The reader used Clear Reader on the site's second article (the in-page view): the page it is tested on.
        await openViewOn(d, server().url(PATHS.siteArticles[1]));
        await page.waitFor(inView('.content p'));
        const kept = await page.count(inView('.content p'));
        expect(kept).toBeGreaterThanOrEqual(4);
        const title = await page.text(inView('.title'));

        options = await d.openExtensionPage('options.html');
        await options.setViewport(1280, 800);
        await options.waitFor(`${siteBlock(SITE)} .site-rules-test-run`);
        expect(await options.text(`${siteBlock(SITE)} .site-rules-test-run`)).toBe(say('siteRuleTest'));

        const said = await runTest(options, SITE, say('siteRuleTesting', SITE));
        expect(said).toBe(plural(t, lang, 'siteRuleTestPage', kept, title));
        const promo = await options.text(ruleLine('e2epromo'));
        expect(promo.startsWith(plural(t, lang, 'siteRuleTestHides', 1, ''))).toBe(true);
        expect(promo).toContain('Vous aimez nos reportages sur la vie de la côte');
        expect(await options.text(ruleLine('e2elire'))).toContain('Lire aussi : Cerfs-volants');
        expect(await options.text(ruleLine('e2enone'))).toBe(say('siteRuleTestNothing'));
        // The test changed nothing in the page: the view still shows the same article.
        expect(await page.count(inView('.content p'))).toBe(kept);

        // The page tab on a site Clear Reader may not read: no page to test on, and what to do.
        await page.goto(server().url(PATHS.siteArticles[0]).replace('127.0.0.1', UNGRANTED));
        await page.waitFor('.encart-abonnement'); // the page is there: only Clear Reader may not read it
        expect(await runTest(options, UNGRANTED, say('siteRuleTesting', UNGRANTED))).toBe(
          say('siteRuleTestNoTab', UNGRANTED),
        );
        expect(await options.text(ruleLine('e2elocal'))).toBe('');
        // The results stay under their rules.
        expect(await options.text(ruleLine('e2enone'))).toBe(say('siteRuleTestNothing'));

        await options.evaluate(() => document.getElementById('site-rules')?.scrollIntoView(), null);
        try {
          for (const theme of ['light', 'dark'] as const) {
            await d.inExtension(({ api }, theme) => api.storage.sync.set({ readerSettings: { theme } }), theme);
            await options.waitFor(`.options-page[data-theme="${theme}"]`);
            // The buttons' colours fade over 0.12 s (components/reader.css): shoot once they have arrived.
            await options.waitUntil(
              (want) => getComputedStyle(document.querySelector('.site-rules-test-run')!).backgroundColor === want,
              BUTTON_BACKGROUND[theme],
            );
            await options.screenshot(artifact(d, file(theme)));
          }
        } finally {
          await d.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
        }
        if (lang !== 'en') return; // the behaviour once; the French session checks its words and shoots the screen

        // The subscriber page, where the promo rule would take the article: said not applied there.
        await openViewOn(d, server().url(PATHS.siteEaten));
        await runTest(options, SITE, say('siteRuleTesting', SITE));
        const line = await options.text(ruleLine('e2epromo'));
        const mostStart = t('siteRuleTestRefusedMost', ['\u0000']).split('\u0000')[0]!;
        expect(line === say('siteRuleTestRefusedFirst') || line.startsWith(mostStart), line).toBe(true);
        expect(line).not.toContain('Vous aimez');
      } finally {
        await options?.close();
        await page.bringToFront();
        await clearRules(d);
      }
    });
  });
}
