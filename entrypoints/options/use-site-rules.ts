// The site rules' list on the options page, wired to platform/site-rule-store.ts.
import { useEffect, useState } from 'preact/hooks';
import type { SiteRulesViewProps } from '../../components/SiteRulesView.tsx';
import type { SiteRule } from '../../core/reader/index.ts';
import type { RulesSyncInfo } from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';
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
