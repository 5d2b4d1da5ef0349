// @vitest-environment jsdom
// The options page's site rules: listed per site with what each hides and when it was made, delete with Undo,
// how many fit in browser sync, and "Test on the current page" with its results under each rule (live regions),
// in English and French.
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { SiteRulesView, type SiteRulesViewProps } from '../../../components/SiteRulesView.tsx';
import type { SiteRule } from '../../../core/reader/index.ts';
import { useRoot } from '../../support/preact.ts';
import { localized, t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $$ = (selector: string) => [...root().querySelectorAll<HTMLElement>(selector)];

const promo: SiteRule = {
  id: 'site:a1',
  site: 'echo-des-dunes.example',
  created: '2026-12-02T22:53:48.453Z',
  selector: 'div.encart-abonnement',
  stage: 'page',
};
const lireAussi: SiteRule = {
  id: 'site:a2',
  site: 'echo-des-dunes.example',
  created: '2026-12-03T08:00:00.000Z',
  text: { startsWith: 'Lire aussi :', singleLink: true },
};
const gazette: SiteRule = {
  id: 'site:b1',
  site: 'gazette.example',
  created: '2026-11-01T00:00:00Z',
  selector: 'aside',
};

function view(overrides: Partial<SiteRulesViewProps>) {
  const props: SiteRulesViewProps = {
    t,
    locale: 'en',
    rules: [gazette, promo, lireAussi],
    info: { fit: 3, total: 3, capacity: 50, newer: false, error: null },
    deleted: null,
    onDelete: vi.fn(),
    onUndo: vi.fn(),
    tests: {},
    onTest: vi.fn(),
    ...overrides,
  };
  return { props, done: mount(h(SiteRulesView, props)) };
}

describe('SiteRulesView', () => {
  it('lists the rules per site, what each hides and when it was made; Delete passes the rule', async () => {
    const { props, done } = view({ t: localized('en') });
    await done;
    expect($$('.site-rules-site h3').map((e) => e.textContent)).toEqual(['echo-des-dunes.example', 'gazette.example']);
    const lines = $$('.site-rule').map((e) => e.querySelector('.site-rule-what')!.textContent);
    expect(lines).toEqual([
      'Hides the blocks matching div.encart-abonnement',
      'Hides a lone link starting with “Lire aussi :”',
      'Hides the blocks matching aside',
    ]);
    expect($$('.site-rule-made')[0]!.textContent).toBe('Made on December 2, 2026');
    expect(root().textContent).toContain('3 of 3 rules fit in browser sync (room for about 50).');
    const del = $$('.site-rule button')[1]!;
    expect(del.getAttribute('aria-label')).toBe('Delete this rule for echo-des-dunes.example');
    del.click();
    expect(props.onDelete).toHaveBeenCalledWith(lireAussi);
  });

  it('offers Undo after a delete, and says when rules are beyond the budget or sync refused them', async () => {
    const { props, done } = view({
      deleted: promo,
      info: { fit: 40, total: 52, capacity: 41, newer: false, error: 'QUOTA_BYTES quota exceeded' },
    });
    await done;
    expect(root().querySelector('[role=status]')!.textContent).toContain('siteRuleDeleted:echo-des-dunes.example');
    root().querySelector<HTMLButtonElement>('.site-rule-deleted button')!.click();
    expect(props.onUndo).toHaveBeenCalled();
    // The total comes first: the plural form agrees with it.
    expect(root().textContent).toContain('siteRulesFit:52,40,41');
    expect(root().textContent).toContain('siteRulesBeyond');
    expect(root().textContent).toContain('siteRulesSyncError:QUOTA_BYTES quota exceeded');
  });

  it('speaks French with its typography, and says when there is no rule', async () => {
    await view({ t: localized('fr'), locale: 'fr', rules: [lireAussi], deleted: null }).done;
    expect($$('.site-rule-what')[0]!.textContent).toBe('Masque un lien seul commençant par «\u202fLire aussi :\u202f»');
    expect($$('.site-rule-made')[0]!.textContent).toBe('Créée le 3 décembre 2026');
    await view({ t: localized('fr'), locale: 'fr', rules: [], info: null }).done;
    expect(root().querySelector('.site-rules-none')!.textContent).toMatch(/^Aucune règle pour l’instant/);
  });

  it('tests a site’s rules on the current page and shows what each hides under it, in live regions', async () => {
    const { props, done } = view({ t: localized('en') });
    await done;
    const runs = $$('.site-rules-test-run');
    expect(runs.map((b) => b.textContent)).toEqual(['Test on the current page', 'Test on the current page']);
    expect(runs[0]!.getAttribute('aria-label')).toBe('Test on the current page (rules for echo-des-dunes.example)');
    runs[0]!.click();
    expect(props.onTest).toHaveBeenCalledWith('echo-des-dunes.example');
    // The live regions are there before any result (a region added with its text may not be announced).
    expect($$('.site-rule-test').map((e) => [e.getAttribute('role'), e.textContent])).toEqual([
      ['status', ''],
      ['status', ''],
      ['status', ''],
    ]);
    expect($$('.site-rules-test-summary').every((e) => e.getAttribute('role') === 'status')).toBe(true);

    await view({ t: localized('en'), tests: { 'echo-des-dunes.example': { kind: 'testing' } } }).done;
    expect($$('.site-rules-test-summary')[0]!.textContent).toBe('Testing on the open page of echo-des-dunes.example…');
    const busy = $$('.site-rules-test-run')[0]!;
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    busy.click(); // one test at a time per site

    const tested = {
      ok: true as const,
      site: 'echo-des-dunes.example',
      page: { url: 'https://echo-des-dunes.example/a/', title: 'Un festival' },
      paragraphs: 6,
      rules: [
        { id: 'site:a1', hidden: ['Vous aimez nos reportages ? Abonnez-vous'] },
        { id: 'site:a2', hidden: [] },
      ],
    };
    const again = view({ t: localized('en'), tests: { 'echo-des-dunes.example': { kind: 'done', test: tested } } });
    await again.done;
    expect(again.props.onTest).not.toHaveBeenCalled();
    expect($$('.site-rules-test-summary').map((e) => e.textContent)).toEqual([
      'Tested on “Un festival”: the article keeps 6 paragraphs.',
      '',
    ]);
    expect($$('.site-rule-test').map((e) => e.textContent)).toEqual([
      'On this page it hides 1 block: “Vous aimez nos reportages ? Abonnez-vous”',
      'On this page it hides nothing.',
      '', // gazette.example was not tested
    ]);
  });

  it('says in French why nothing was tested: no page of the site that Clear Reader may read', async () => {
    const noTab = { ok: false as const, site: 'gazette.example', reason: 'no-tab' as const, message: 'x' };
    await view({ t: localized('fr'), locale: 'fr', tests: { 'gazette.example': { kind: 'done', test: noTab } } }).done;
    expect($$('.site-rules-test-run')[1]!.textContent).toBe('Tester sur la page ouverte');
    expect($$('.site-rules-test-summary')[1]!.textContent).toBe(
      'Ouvrez une page de gazette.example et cliquez sur Clear Reader dans cette page (ou appuyez sur son ' +
        'raccourci), puis testez à nouveau\u202f: Clear Reader ne lit que les pages que vous lui demandez de lire.',
    );
  });
});
