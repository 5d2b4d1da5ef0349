// "Test on the current page" for a site's rules (the options page asks, the background answers): the traced
// extraction, the one the in-page view's pick mode uses, on the most recently used tab of the site that Clear
// Reader may read. Nothing in the page changes. With activeTab only, that is a tab where the reader used Clear
// Reader since it loaded: the others show no address here, and scripting refuses them.
import { browser } from 'wxt/browser';
import {
  RULE_TEST_TIMEOUT_MS,
  ruleTestResult,
  testCandidates,
  type SiteRuleTest,
  type TabFacts,
} from '../contracts/site-rule-test.ts';
import { errorMessage } from '../core/util/index.ts';
import { extractTab } from './extract-tab.ts';
import { loadSiteRules } from './site-rule-store.ts';
import { withTimeout } from './with-timeout.ts';

export interface RuleTestDeps {
  queryTabs: () => Promise<TabFacts[]>;
  extract: typeof extractTab;
  rulesFor: (site: string) => ReturnType<typeof loadSiteRules>;
  timeoutMs: number;
}

const browserDeps: RuleTestDeps = {
  queryTabs: () => browser.tabs.query({}),
  extract: extractTab,
  rulesFor: loadSiteRules,
  timeoutMs: RULE_TEST_TIMEOUT_MS,
};

/** Tests `site`'s rules for the page that asked (`from`: its tab and window). Never throws, never hangs. */
export async function testSiteRules(
  site: string,
  from: { tabId?: number; windowId?: number } = {},
  deps: RuleTestDeps = browserDeps,
): Promise<SiteRuleTest> {
  const seconds = Math.round(deps.timeoutMs / 1000);
  try {
    return await withTimeout(runTest(site, from, deps), deps.timeoutMs, `no answer within ${seconds} s`);
  } catch (error) {
    const message = errorMessage(error);
    return { ok: false, site, reason: /no answer within/.test(message) ? 'timeout' : 'error', message };
  }
}

async function runTest(site: string, from: { tabId?: number; windowId?: number }, deps: RuleTestDeps) {
  const rules = await deps.rulesFor(site);
  for (const tab of testCandidates(await deps.queryTabs(), site, from)) {
    // The same path as the in-page view's: its rules, and the provenance pick mode reads.
    const result = await deps.extract(tab.id, { provenance: true }, tab.url);
    const page = { url: tab.url, title: tab.title };
    // Not granted (or no longer: it navigated): the next tab of the site may be.
    if (!result.ok && result.reason === 'restricted') continue;
    if (!result.ok) {
      const slow = result.reason === 'unresponsive' || result.reason === 'no-response';
      const reason = slow ? 'timeout' : result.reason === 'loading' ? 'loading' : 'unreadable';
      return { ok: false, site, reason, page, pageReason: result.reason, message: result.message } as const;
    }
    return ruleTestResult(site, result.article, rules);
  }
  return { ok: false, site, reason: 'no-tab', message: `no tab of ${site} that Clear Reader may read` } as const;
}
