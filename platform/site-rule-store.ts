// The reader's site rules (core/reader/site-rules), on this device in storage.local (every rule it knows, deletions
// included), in storage.sync under the key "sr" within its budget, and in the WebDAV files (platform/webdav-sync.ts
// hands them over): the merge is core's (core/reading-list/site-rules/). Each extension page or script that uses
// these functions loads one store, on first use.
import { browser } from 'wxt/browser';
import {
  createSiteRuleStore,
  type RuleLocalArea,
  type RulesSyncInfo,
  type SiteRuleRecord,
  type SiteRuleStore,
  type SyncArea,
} from '../core/reading-list/index.ts';
import type { SiteRule } from '../core/reader/index.ts';
import { deviceIdItem } from './storage.ts';
import { ruleSite, SITE_RULES_KEY } from './site-rules-read.ts';

export { readSiteRules, SITE_RULES_KEY } from './site-rules-read.ts';

type Changes = Record<string, { newValue?: unknown; oldValue?: unknown }>;

function areaListener(area: 'local' | 'sync', listener: (changes: Changes) => void): () => void {
  const onChanged = (changes: Changes, name: string) => {
    if (name === area) listener(changes);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

const localArea: RuleLocalArea = {
  get: async () => (await browser.storage.local.get(SITE_RULES_KEY))[SITE_RULES_KEY],
  set: (value) => browser.storage.local.set({ [SITE_RULES_KEY]: value }),
  onChanged: (listener) =>
    areaListener('local', (changes) => {
      if (SITE_RULES_KEY in changes) listener(changes[SITE_RULES_KEY].newValue);
    }),
};

const syncArea: SyncArea = {
  get: (keys) => browser.storage.sync.get(keys ?? null),
  set: (items) => browser.storage.sync.set(items),
  remove: (keys) => browser.storage.sync.remove(keys),
  onChanged: (listener) => areaListener('sync', listener),
};

async function deviceId(): Promise<string> {
  const known = await deviceIdItem.getValue();
  if (known) return known;
  const id = crypto.randomUUID();
  await deviceIdItem.setValue(id);
  return id;
}

let store: Promise<SiteRuleStore> | null = null;

/** This page's store, loaded once (a failed load is tried again on the next call). */
export function siteRuleStore(): Promise<SiteRuleStore> {
  store ??= (async () => {
    const created = createSiteRuleStore({ deviceId: await deviceId(), local: localArea, sync: syncArea });
    await created.load();
    return created;
  })().catch((error: unknown) => {
    store = null;
    throw error;
  });
  return store;
}

/** Every live rule, oldest first. */
export async function listSiteRules(): Promise<SiteRule[]> {
  return (await siteRuleStore()).list();
}

/** The rules for a host (or a page's address): `www.` and case do not matter. */
export async function loadSiteRules(host: string): Promise<SiteRule[]> {
  const site = ruleSite(host);
  if (!site) return [];
  return (await siteRuleStore()).forHost(site);
}

/** Adds a rule, or brings a deleted one back (Undo). */
export async function addSiteRule(rule: SiteRule): Promise<void> {
  await (await siteRuleStore()).add(rule);
}

/** Deletes a rule (on every device); true when it was there. */
export async function removeSiteRule(id: string): Promise<boolean> {
  return (await (await siteRuleStore()).remove(id)) !== null;
}

/** Calls back with every rule whenever they change (here, another page, another device); returns the unsubscribe. */
export function onSiteRulesChanged(callback: (rules: SiteRule[]) => void): () => void {
  let off: (() => void) | null = null;
  let stopped = false;
  void siteRuleStore().then(
    (s) => {
      if (!stopped) off = s.onChanged(() => callback(s.list()));
    },
    () => undefined, // storage unreadable: the callers' own reads say so
  );
  return () => {
    stopped = true;
    off?.();
  };
}

/** How many rules browser sync holds, of how many (the options page). */
export async function siteRulesSyncInfo(): Promise<RulesSyncInfo> {
  return (await siteRuleStore()).syncInfo();
}

/** Every record, deletions included (WebDAV, export), and records from there merged in. */
export async function siteRuleRecords(): Promise<SiteRuleRecord[]> {
  return (await siteRuleStore()).records();
}

export async function absorbSiteRuleRecords(records: readonly SiteRuleRecord[]): Promise<number> {
  return (await siteRuleStore()).absorb(records);
}
