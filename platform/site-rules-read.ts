// The reader's site rules as a page about to be read needs them: one read of both storage areas at once, merged
// as the store merges them (core's storedRulesForHost), nothing written. A small chunk of its own, fetched as the
// popup starts: loading the store's chunk first cost Chromium's popup about 25 ms on the way to the article.
import { browser } from 'wxt/browser';
import { RULES_SYNC_KEY, storedRulesForHost } from '../core/reading-list/index.ts';
import { siteOf, type SiteRule } from '../core/reader/index.ts';

/** Where this device keeps every rule it knows (storage.local); platform/site-rule-store.ts writes it. */
export const SITE_RULES_KEY = 'siteRules';

/** A host, or a page's address, as the rules name sites: `www.` and case do not matter. */
export function ruleSite(host: string): string | null {
  return host.includes('/') ? siteOf(host) : host.toLowerCase().replace(/^www\./, '');
}

/** The live rules for a host or a page's address, straight from storage; a store's pages write what it merges. */
export async function readSiteRules(host: string): Promise<SiteRule[]> {
  const site = ruleSite(host);
  if (!site) return [];
  const [local, sync] = await Promise.all([
    browser.storage.local.get(SITE_RULES_KEY).then((items) => items[SITE_RULES_KEY]),
    browser.storage.sync.get(RULES_SYNC_KEY).then(
      (items) => items[RULES_SYNC_KEY],
      () => undefined, // sync storage unreachable: the rules this device knows
    ),
  ]);
  return storedRulesForHost(local, sync, site);
}
