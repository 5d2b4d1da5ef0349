// "Hide a block" (issue 17) in the in-page view, by keyboard only: the pick mode on the fictional site's first
// article (tests/fixtures-site-rules/), the promo box chosen and hidden on every page of the site; its two other
// articles then open without their promo and with every paragraph; Undo; Esc leaves the mode, not the view.
// Screenshots of the pick mode in light and dark.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import type { Driver, Tab } from '../../support/driver/index.ts';
import { message } from '../expectations.ts';
import { PATHS, SITE_RULES_DIR } from '../server.ts';
import { artifact, inView, openPopupOn, openViewOn, snapshot, viewSettled, type Session } from './session.ts';

const status = inView('.reader-status span');
const current = inView('[data-pick-current]');
/** The start of each article's promo box (its text differs from page to page). */
const PROMOS = ['Offre d’été', 'Vous aimez nos reportages', 'Chaque semaine, notre newsletter'];

/** The paragraphs of prose of fixture article n (1 to 3), outside the promo box, whitespace folded. */
function paragraphsOf(n: number): string[] {
  const html = readFileSync(`${SITE_RULES_DIR}article-${n}.html`, 'utf8');
  const doc = new JSDOM(html).window.document;
  return Array.from(doc.querySelectorAll('.corps-article > p'))
    .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text.length > 120);
}

/** The view's article text, whitespace folded, only what shows (hidden blocks left out by innerText). */
const articleText = async (page: Tab) => (await page.text(inView('.content'))).replace(/\s+/g, ' ');

/** The live rules in storage.local (platform/site-rule-store.ts keeps records: each rule with its live register). */
async function storedRules(d: Driver): Promise<{ selector?: string; site: string }[]> {
  const stored = await d.inExtension(({ api }) => api.storage.local.get('siteRules'), null);
  const records = (
    stored.siteRules as { records?: { rule: { selector?: string; site: string }; live: { value: boolean } }[] }
  )?.records;
  return (records ?? []).filter((r) => r.live.value).map((r) => r.rule);
}

/** Waits until "Only here" has the focus (its class, read in the view's root: Firefox's :focus needs a focused window). */
async function scopesFocused(page: Tab) {
  const focused = () =>
    page.driver.inPageWorld(
      page,
      '(globalThis.__clearReaderViewController.root.activeElement || {}).className || ""',
      null,
    );
  await expect.poll(focused).toBe('pick-here');
}

/** Enters the pick mode with its key and moves down (arrows) until the block outlined starts with `start`. */
async function pickBlock(page: Tab, start: string, say: (key: string) => string) {
  await page.press('x');
  await page.waitFor(current);
  await expect.poll(() => page.text(status)).toBe(say('pickStarted'));
  expect(await page.attribute(inView('.action-hide-block'), 'aria-pressed')).toBe('true');
  const outlined = async () => (await page.text(current)).replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 20 && !(await outlined()).startsWith(start); i++) await page.press('ArrowDown');
  expect((await outlined()).slice(0, start.length)).toBe(start);
}

export function pickScenarios({ driver, server }: Session, lang: 'en' | 'fr' = 'en'): void {
  const say = (key: string, site = '') => message(lang, key).replace('$SITE$', site);
  const file = (theme: string) => `pick-mode${lang === 'en' ? '' : `-${lang}`}-${theme}.png`;

  describe(`Hide a block (${lang})`, () => {
    test('pick mode screenshots, light and dark', async () => {
      const d = driver();
      const page = d.pageTab;
      await page.setViewport(1280, 800);
      await openViewOn(d, server().url(PATHS.siteArticles[0]));
      await pickBlock(page, PROMOS[0]!, say);
      // The keys are said once, in the announced status line (pickBlock checks it), not again in the bar.
      expect(await page.text(inView('.pick-bar'))).toContain(say('pickTitle'));
      expect(await page.text(inView('.pick-bar'))).not.toContain(say('pickStarted'));
      try {
        for (const theme of ['light', 'dark'] as const) {
          await d.inExtension(({ api }, theme) => api.storage.sync.set({ readerSettings: { theme } }), theme);
          await page.waitFor(inView(`.reader[data-theme="${theme}"]`));
          await viewSettled(d, page);
          await page.screenshot(artifact(d, file(theme)));
        }
      } finally {
        await d.inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      }
      await page.press('Escape');
      await page.waitFor(current, { state: 'detached' });
      expect(await page.count(inView('main[data-state="article"]'))).toBe(1);
    });

    if (lang !== 'en') return; // the behaviour once; the French session only shoots the screens

    test('by keyboard: Esc leaves the mode; the promo hidden on every page of the site, every paragraph kept; Undo', async () => {
      const d = driver();
      const page = d.pageTab;
      const site = '127.0.0.1';
      await openViewOn(d, server().url(PATHS.siteArticles[0]));
      expect(await page.attribute(inView('.action-hide-block'), 'title')).toContain('X');
      expect(await articleText(page)).toContain(PROMOS[0]);

      // The pick mode's code is not in the page until the reader asks for it (loaded on demand).
      const pickLoaded = () =>
        d.inPageWorld(page, "Object.prototype.hasOwnProperty.call(globalThis, '__clearReaderPickMode')", null);
      expect(await pickLoaded()).toBe(false);
      // Esc leaves the pick mode and leaves the view open; it is said.
      await page.press('x');
      await page.waitFor(current);
      expect(await pickLoaded()).toBe(true);
      await page.press('Escape');
      await page.waitFor(current, { state: 'detached' });
      await expect.poll(() => page.text(status)).toBe(say('pickLeft'));
      expect(await page.count(inView('main[data-state="article"]'))).toBe(1);
      expect(await page.count(inView('.pick-bar'))).toBe(0);

      // The promo: chosen with Enter, hidden at once; Tab to "On every page of <site>", Enter.
      await pickBlock(page, PROMOS[0]!, say);
      await page.press('Enter');
      await expect.poll(() => page.text(status)).toBe(say('pickHidden'));
      await scopesFocused(page); // the scopes take the focus
      expect(await articleText(page)).not.toContain(PROMOS[0]);
      expect(await page.text(inView('.pick-site'))).toBe(say('pickEverySite', site));
      await page.press('Tab');
      await page.press('Enter');
      await expect.poll(() => page.text(status)).toBe(say('pickHiddenSite', site));
      let rules = await storedRules(d);
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({ site, selector: expect.stringContaining('encart-abonnement') as string });

      // Undo takes the rule away and shows the block; then the same again, for good.
      await page.click(inView('.action-undo'));
      await expect.poll(() => page.text(status)).toBe(say('pickShownAgain'));
      await expect.poll(() => storedRules(d)).toEqual([]);
      expect(await articleText(page)).toContain(PROMOS[0]);
      await pickBlock(page, PROMOS[0]!, say);
      await page.press('Enter');
      await scopesFocused(page);
      await page.press('Tab');
      await page.press('Enter');
      await expect.poll(() => page.text(status)).toBe(say('pickHiddenSite', site));
      rules = await storedRules(d);
      expect(rules).toHaveLength(1);
      const text1 = await articleText(page);
      for (const p of paragraphsOf(1)) expect(text1).toContain(p);

      // The site's other articles: no promo, every paragraph.
      for (const n of [2, 3]) {
        await openViewOn(d, server().url(PATHS.siteArticles[n - 1]!));
        const text = await articleText(page);
        expect(text).not.toContain(PROMOS[n - 1]);
        const paragraphs = paragraphsOf(n);
        expect(paragraphs.length).toBeGreaterThanOrEqual(3);
        for (const p of paragraphs) expect(text).toContain(p);
        expect(await page.count(inView('.pick-refused'))).toBe(0);
      }
      // The popup applies the site's rules too (it reads them itself; Firefox's background adds its own copy).
      const popup = await openPopupOn(d, server().url(PATHS.siteArticles[1]));
      const popupText = (await snapshot(popup)).text.replace(/\s+/g, ' ');
      expect(popupText).not.toContain(PROMOS[1]);
      for (const p of paragraphsOf(2)) expect(popupText).toContain(p);
      await popup.close();
      await page.bringToFront();

      // The subscriber page, where the rule would take the article: not applied, said, and the rule can go (Undo).
      await openViewOn(d, server().url(PATHS.siteEaten));
      const refused = [say('pickRefusedMost', site), say('pickRefusedFirst', site)];
      await page.waitFor(inView('.pick-refused p')); // said once the view has read the article's refused rules
      const notice = (await page.text(inView('.pick-refused p')))
        .replace(say('pickReviewRule'), '')
        .replace(say('pickRemoveRule'), '')
        .trim();
      expect(refused).toContain(notice);
      // Review opens the reader's rules in the options page (a tab the background opens).
      const rulesPage = await d.nextTab(() => page.click(inView('.pick-review-rule')));
      await rulesPage.waitUntil(() => location.hash === '#site-rules' && !!document.getElementById('site-rules'), null);
      await rulesPage.close();
      await page.bringToFront();
      await page.click(inView('.pick-remove-rule'));
      await expect.poll(() => page.text(status)).toBe(say('pickRuleRemoved', site));
      await expect.poll(() => storedRules(d)).toEqual([]);
      expect(await page.count(inView('.pick-refused'))).toBe(0);
      await page.click(inView('.action-undo'));
      await expect.poll(() => page.text(status)).toBe(say('pickRuleRestored', site));
      await expect.poll(async () => (await storedRules(d)).length).toBe(1);

      // "Only here": the last paragraph of article 3, hidden on this article; Undo; again, kept in a new view.
      await openViewOn(d, server().url(PATHS.siteArticles[2]));
      const last = paragraphsOf(3).at(-1)!;
      const hideHere = async () => {
        await pickBlock(page, last.slice(0, 30), say);
        await page.press('Enter');
        await scopesFocused(page);
        await page.press('Enter');
        await expect.poll(() => page.text(status)).toBe(say('pickHiddenHere'));
        expect(await articleText(page)).not.toContain(last);
      };
      await hideHere();
      await page.click(inView('.action-undo'));
      await expect.poll(() => page.text(status)).toBe(say('pickShownAgain'));
      expect(await articleText(page)).toContain(last);
      await hideHere();
      await openViewOn(d, server().url(PATHS.siteArticles[2]));
      await expect.poll(() => articleText(page)).not.toContain(last);
      expect(await articleText(page)).toContain(paragraphsOf(3)[0]);
      await d.inExtension(({ api }) => api.storage.local.remove('hiddenBlocks'), null);
      await d.inExtension(async ({ api }) => {
        await api.storage.local.remove('siteRules');
        await api.storage.sync.remove('sr');
      }, null);
    });
  });
}
