// platform/site-rule-store.ts over WXT's fake browser: the API the pick mode uses (list, per host, add, remove,
// changes) kept in storage.local and mirrored in storage.sync's "sr" key; the first stored form (a plain array
// of rules) is still read.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteRule } from '../../../core/reader/index.ts';

async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  return { fakeBrowser, store: await import('../../../platform/site-rule-store.ts') };
}

const rule = (n: number, site = 'echo-des-dunes.example'): SiteRule => ({
  id: `site:p${n}`,
  site,
  created: `2026-12-0${n}T10:00:00.000Z`,
  selector: `aside.promo-${n}`,
  stage: 'page',
});

let p: Awaited<ReturnType<typeof fresh>>;
beforeEach(async () => {
  p = await fresh();
});

describe('the site rule store', () => {
  it('adds, lists per host, removes (true once), and brings a rule back (Undo)', async () => {
    const { store, fakeBrowser } = p;
    await store.addSiteRule(rule(1));
    await store.addSiteRule(rule(2, 'gazette.example'));
    expect(await store.listSiteRules()).toEqual([rule(1), rule(2, 'gazette.example')]);
    expect(await store.loadSiteRules('www.Echo-des-Dunes.example')).toEqual([rule(1)]);
    expect(await store.loadSiteRules('https://www.gazette.example/a/1')).toEqual([rule(2, 'gazette.example')]);
    expect(await store.removeSiteRule(rule(1).id)).toBe(true);
    expect(await store.removeSiteRule(rule(1).id)).toBe(false);
    expect(await store.loadSiteRules('echo-des-dunes.example')).toEqual([]);
    await store.addSiteRule(rule(1));
    expect(await store.loadSiteRules('echo-des-dunes.example')).toEqual([rule(1)]);
    const sync = (await fakeBrowser.storage.sync.get('sr')).sr as { r: unknown[] };
    expect(sync.r).toHaveLength(2);
    expect(await store.siteRulesSyncInfo()).toMatchObject({ fit: 2, total: 2, error: null });
  });

  it('tells listeners of changes, from this page and from browser sync', async () => {
    const { store, fakeBrowser } = p;
    const seen: SiteRule[][] = [];
    store.onSiteRulesChanged((rules) => seen.push(rules));
    await store.addSiteRule(rule(1));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([rule(1)]));
    // Another device's rule arrives in sync storage.
    const current = (await fakeBrowser.storage.sync.get('sr')).sr as { v: number; r: unknown[][] };
    const other = ['site:p3', 'gazette.example', '2026-12-03T10:00:00.000Z', 'div.pub', null, null, 1, 9e12, 'zzzzzz'];
    await fakeBrowser.storage.sync.set({ sr: { v: 1, r: [...current.r, other] } });
    await vi.waitFor(() => expect(seen.at(-1)?.map((r) => r.id)).toEqual(['site:p1', 'site:p3']));
    // And is kept in this device's own storage.
    await vi.waitFor(async () =>
      expect(JSON.stringify((await fakeBrowser.storage.local.get('siteRules')).siteRules)).toContain('site:p3'),
    );
  });

  it('a page without a store (the popup) reads a site’s rules from both areas and writes nothing', async () => {
    const { fakeBrowser } = p;
    await p.store.addSiteRule(rule(1));
    await p.store.addSiteRule(rule(2, 'gazette.example'));
    // Another device's rule, in sync storage only.
    const current = (await fakeBrowser.storage.sync.get('sr')).sr as { v: number; r: unknown[][] };
    const other = [
      'site:p3',
      'echo-des-dunes.example',
      '2026-12-03T10:00:00.000Z',
      'div.pub',
      null,
      null,
      1,
      9e12,
      'z',
    ];
    const stored = { local: await fakeBrowser.storage.local.get(), sync: { sr: { v: 1, r: [...current.r, other] } } };
    vi.resetModules(); // a new page: no store loaded
    const store = await import('../../../platform/site-rule-store.ts');
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set(stored.local);
    await fakeBrowser.storage.sync.set(stored.sync);
    const local = vi.spyOn(fakeBrowser.storage.local, 'set');
    const sync = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const read = await store.readSiteRules('https://www.echo-des-dunes.example/a');
    expect(read.map((r) => r.id)).toEqual(['site:p1', 'site:p3']);
    expect(await store.readSiteRules('elsewhere.example')).toEqual([]);
    expect(local).not.toHaveBeenCalled();
    expect(sync).not.toHaveBeenCalled();
  });

  it('reads the first stored form (a plain array) and keeps its rules', async () => {
    const { fakeBrowser } = p;
    await fakeBrowser.storage.local.set({ siteRules: [rule(1), { junk: true }] });
    const store = await import('../../../platform/site-rule-store.ts');
    expect(await store.listSiteRules()).toEqual([rule(1)]);
  });
});
