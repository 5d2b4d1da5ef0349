// The site rules' list on the options page, wired to platform/site-rule-store.ts.
import { useEffect, useState } from 'preact/hooks';
import type { SiteRulesViewProps } from '../../components/SiteRulesView.tsx';
import type { SiteRule } from '../../core/reader/index.ts';
import type { RulesSyncInfo } from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';
import type { RuleTestState } from '../../components/site-rule-test-text.ts';
import { RULE_TEST_TIMEOUT_MS, type SiteRuleTest } from '../../contracts/site-rule-test.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { withTimeout } from '../../platform/with-timeout.ts';
import {
  addSiteRule,
  listSiteRules,
  onSiteRulesChanged,
  removeSiteRule,
  siteRulesSyncInfo,
} from '../../platform/site-rule-store.ts';

export function useSiteRules(): Omit<SiteRulesViewProps, 't' | 'locale'> {
  const [rules, setRules] = useState<SiteRule[]>([]);
  const [info, setInfo] = useState<RulesSyncInfo | null>(null);
  const [deleted, setDeleted] = useState<SiteRule | null>(null);
  const [tests, setTests] = useState<Record<string, RuleTestState>>({});
  useEffect(() => {
    const refresh = () =>
      void Promise.all([listSiteRules(), siteRulesSyncInfo()]).then(
        ([r, i]) => {
          setRules(r);
          setInfo(i);
        },
        // The store could not load (storage unreadable): said where the sync status goes.
        (error: unknown) => setInfo({ fit: 0, total: 0, capacity: 0, newer: false, error: errorMessage(error) }),
      );
    refresh();
    // Rendered after the page loaded: the browser found no #site-rules to scroll to then (a "Review" link).
    if (location.hash === '#site-rules') {
      requestAnimationFrame(() => document.getElementById('site-rules')?.scrollIntoView());
    }
    return onSiteRulesChanged(refresh);
  }, []);
  return {
    rules,
    info,
    deleted,
    tests,
    onTest(site) {
      const done = (test: SiteRuleTest) => setTests((all) => ({ ...all, [site]: { kind: 'done', test } }));
      setTests((all) => ({ ...all, [site]: { kind: 'testing' } }));
      // The background has its own time limit; this one is for a background that never answers.
      void withTimeout(sendMessage('testSiteRules', { site }), RULE_TEST_TIMEOUT_MS + 5_000, 'no answer').then(
        done,
        (error: unknown) => {
          const message = errorMessage(error);
          done({ ok: false, site, reason: message === 'no answer' ? 'timeout' : 'error', message });
        },
      );
    },
    onDelete(rule) {
      setDeleted(rule);
      void removeSiteRule(rule.id);
    },
    onUndo() {
      if (deleted) void addSiteRule(deleted);
      setDeleted(null);
    },
  };
}
