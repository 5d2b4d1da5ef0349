// "Test on the current page" for a site's rules: which tab it tests on (the site's tabs Clear Reader may read, the
// asking page's window first, then the most recently used), what it reports per rule, and that it always answers:
// no tab, a tab no longer granted, a page that never answers, a page still loading.
import { describe, expect, it } from 'vitest';
import {
  countParagraphs,
  ruleTestResult,
  shortenText,
  testCandidates,
  type TabFacts,
} from '../../../contracts/site-rule-test.ts';
import type { Article, SiteRule } from '../../../core/reader/index.ts';
import type { PageResult } from '../../../contracts/page.ts';
import { testSiteRules, type RuleTestDeps } from '../../../platform/site-rule-test.ts';

const SITE = 'echo-des-dunes.example';
const promo: SiteRule = { id: 'site:promo', site: SITE, created: '2026-12-02T10:00:00Z', selector: 'div.encart' };
const lire: SiteRule = { id: 'site:lire', site: SITE, created: '2026-12-02T11:00:00Z', text: { startsWith: 'Lire' } };
const eater: SiteRule = { id: 'site:eater', site: SITE, created: '2026-12-02T12:00:00Z', selector: 'div.corps' };

const tab = (id: number, url: string | undefined, more: Partial<TabFacts> = {}): TabFacts => ({
  id,
  url,
  title: `tab ${id}`,
  windowId: 1,
  lastAccessed: id * 1000,
  ...more,
});

describe('testCandidates', () => {
  it('keeps the tabs of the site it may read (www. and case aside), never the asking page', () => {
    const tabs = [
      tab(1, `https://www.${SITE}/a/`),
      tab(2, undefined), // not granted: the browser gives no address
      tab(3, 'https://other.example/'),
      tab(4, `https://${SITE.toUpperCase()}/b/`),
      tab(5, 'chrome-extension://x/options.html'),
      tab(6, `https://sub.${SITE}/c/`), // another host
    ];
    expect(testCandidates(tabs, SITE, { tabId: 5, windowId: 1 }).map((t) => t.id)).toEqual([4, 1]);
    expect(testCandidates(tabs, SITE, { tabId: 4 }).map((t) => t.id)).toEqual([1]);
    expect(testCandidates([], SITE)).toEqual([]);
  });

  it('prefers the asking page’s window, then the most recently used; an active tab without a time first', () => {
    const tabs = [
      tab(1, `https://${SITE}/1`, { windowId: 2, lastAccessed: 9_000 }),
      tab(2, `https://${SITE}/2`, { windowId: 1, lastAccessed: 1_000 }),
      tab(3, `https://${SITE}/3`, { windowId: 1, lastAccessed: 5_000 }),
      tab(4, `https://${SITE}/4`, { windowId: 2, lastAccessed: undefined, active: true }),
    ];
    expect(testCandidates(tabs, SITE, { windowId: 1 }).map((t) => t.id)).toEqual([3, 2, 4, 1]);
    expect(testCandidates(tabs, SITE, { windowId: 2 }).map((t) => t.id)).toEqual([4, 1, 3, 2]);
    expect(testCandidates(tabs, SITE)).toEqual([
      { id: 4, url: `https://${SITE}/4`, title: 'tab 4' },
      { id: 1, url: `https://${SITE}/1`, title: 'tab 1' },
      { id: 3, url: `https://${SITE}/3`, title: 'tab 3' },
      { id: 2, url: `https://${SITE}/2`, title: 'tab 2' },
    ]);
  });
});

function article(over: Partial<Article> = {}): Article {
  return {
    url: `https://${SITE}/a/`,
    title: 'Le port de pêche rénové',
    contentHtml: '<div><p>Un.</p><p class="x">Deux.</p><pre>p</pre><picture></picture><P>Trois</P></div>',
    removed: [
      { rule: 'site:promo', text: '  Offre d’été :\n abonnez-vous ' + 'vite '.repeat(40) },
      { rule: 'share-buttons', text: 'Partager' },
      { rule: 'site:promo', text: 'Second encart' },
    ],
    refusedRules: [{ rule: 'site:eater', reason: 'too-much-text', share: 0.83 }],
    ...over,
  } as Article;
}

describe('ruleTestResult', () => {
  it('says per rule what it hid (shortened), what was refused, and how many paragraphs the article keeps', () => {
    const result = ruleTestResult(SITE, article(), [promo, lire, eater]);
    expect(result).toEqual({
      ok: true,
      site: SITE,
      page: { url: `https://${SITE}/a/`, title: 'Le port de pêche rénové' },
      paragraphs: 3,
      rules: [
        { id: 'site:promo', hidden: [expect.stringMatching(/^Offre d’été : abonnez-vous vite .*…$/), 'Second encart'] },
        { id: 'site:lire', hidden: [] },
        { id: 'site:eater', hidden: [], refused: { reason: 'too-much-text', share: 0.83 } },
      ],
    });
    // Cut at a word's end, within the limit.
    if (result.ok) expect(result.rules[0]!.hidden[0]!.length).toBeLessThanOrEqual(80);
    if (result.ok) expect(result.rules[0]!.hidden[0]!).toMatch(/\p{L} ?…$/u);
  });

  it('counts paragraphs, not other elements starting with p; shortens on whole text', () => {
    expect(countParagraphs('<p>a</p><pre></pre><param><progress></progress><p\nclass="b">b</p>')).toBe(2);
    expect(shortenText(' a \n b ')).toBe('a b');
    expect(shortenText('abcdef', 4)).toBe('abc…');
  });
});

function deps(over: Partial<RuleTestDeps> & { tabs?: TabFacts[] }): RuleTestDeps & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    queryTabs: () => Promise.resolve(over.tabs ?? []),
    rulesFor: () => Promise.resolve([promo, eater]),
    timeoutMs: 1_000,
    ...over,
    extract: (tabId, options, url) => {
      asked.push(tabId);
      expect(options).toEqual({ provenance: true }); // the pick mode's traced extraction
      return over.extract ? over.extract(tabId, options, url) : Promise.resolve({ ok: true, article: article() });
    },
  };
}

describe('testSiteRules', () => {
  it('tests on the first tab it may read: a tab no longer granted (navigated) is passed over', async () => {
    const d = deps({
      tabs: [tab(7, `https://${SITE}/old`, { lastAccessed: 9e9 }), tab(8, `https://${SITE}/a/`)],
      extract: (tabId): Promise<PageResult> =>
        Promise.resolve(
          tabId === 7
            ? { ok: false, reason: 'restricted', message: 'Cannot access contents of the page' }
            : { ok: true, article: article() },
        ),
    });
    const result = await testSiteRules(SITE, { tabId: 1, windowId: 1 }, d);
    expect(d.asked).toEqual([7, 8]);
    expect(result.ok && result.rules.map((r) => [r.id, r.hidden.length, r.refused?.reason])).toEqual([
      ['site:promo', 2, undefined],
      ['site:eater', 0, 'too-much-text'],
    ]);
  });

  it('says there is no tab to test on when none of the site may be read', async () => {
    const d = deps({
      tabs: [tab(2, undefined), tab(3, `https://${SITE}/x`)],
      extract: () =>
        Promise.resolve({ ok: false, reason: 'restricted', message: 'Missing host permission for the tab' }),
    });
    expect(await testSiteRules(SITE, {}, d)).toMatchObject({ ok: false, site: SITE, reason: 'no-tab' });
    expect(d.asked).toEqual([3]);
    expect(await testSiteRules(SITE, {}, deps({ tabs: [] }))).toMatchObject({ ok: false, reason: 'no-tab' });
  });

  it('answers within its time limit when the page never does, and says a page is still loading or unreadable', async () => {
    const tabs = [tab(3, `https://${SITE}/x`)];
    const never = deps({ tabs, timeoutMs: 50, extract: () => new Promise<PageResult>(() => undefined) });
    expect(await testSiteRules(SITE, {}, never)).toMatchObject({ ok: false, reason: 'timeout' });
    const failing = (reason: 'loading' | 'unresponsive' | 'not-article') =>
      testSiteRules(SITE, {}, deps({ tabs, extract: () => Promise.resolve({ ok: false, reason, message: 'm' }) }));
    expect(await failing('loading')).toMatchObject({ reason: 'loading', pageReason: 'loading' });
    expect(await failing('unresponsive')).toMatchObject({ reason: 'timeout', pageReason: 'unresponsive' });
    expect(await failing('not-article')).toMatchObject({
      reason: 'unreadable',
      pageReason: 'not-article',
      page: { url: `https://${SITE}/x`, title: 'tab 3' },
    });
    const broken = deps({ tabs, queryTabs: () => Promise.reject(new Error('tabs gone')) });
    expect(await testSiteRules(SITE, {}, broken)).toMatchObject({ ok: false, reason: 'error', message: 'tabs gone' });
  });
});
