// The reader's site rules from a JSON file: an array of rules (or an export's `{ "siteRules": [...] }`).
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { parseSiteRule, type SiteRule } from '../core/reader/index.ts';

export async function readSiteRules(path: string): Promise<SiteRule[]> {
  const data = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const list = Array.isArray(data) ? data : (data as { siteRules?: unknown } | null)?.siteRules;
  if (!Array.isArray(list)) throw new Error('expected a JSON array of site rules');
  const doc = new JSDOM('').window.document; // to check the selectors
  return list.map((value, i) => {
    const rule = parseSiteRule(value, doc);
    if (!rule)
      throw new Error(`entry ${i + 1} is not a site rule (a "site:" id, a site, a selector or a text condition)`);
    return rule;
  });
}
