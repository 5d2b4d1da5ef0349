// "Hide a block" in the in-page view: the pick mode, the block hidden at once, its scope ("only here": this
// article, on this device; "on every page of <site>": a site rule learned from the page's original markup), Undo,
// the blocks already hidden on this article, and the reader's rules this page refused.
import { useEffect, useRef, useState } from 'preact/hooks';
import { siteOf, type Article, type RefusedRule, type SiteRule } from '../../core/reader/index.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { errorMessage } from '../../core/util/index.ts';
import type { Picker } from '../../components/pick/picker.ts';
import { loadPickMode } from './load-pick-mode.ts';
import { hideBlockHere, loadHiddenBlocks, showBlockHere, type HiddenBlock } from '../../platform/hidden-blocks.ts';
import { addSiteRule, listSiteRules, removeSiteRule } from '../../platform/site-rule-store.ts';
import { t } from '../../platform/i18n.ts';

export interface HideBlocks {
  mode: 'off' | 'picking' | 'chosen';
  site: string;
  /** What the last step did (for the status line); '' when nothing yet. */
  said: string;
  /** Set while the last step can be undone. */
  undo: (() => void) | null;
  /** The rules of the reader's this page did not apply (shown with a way to remove each). */
  refused: RefusedRule[];
  toggle: () => void;
  leave: () => void;
  onlyHere: () => void;
  everySite: () => void;
  removeRule: (id: string) => void;
}

/** The element holding the article's blocks, as the extraction's `articleBlocks` saw it (its root element). */
function contentRoot(article: Element | null): Element | null {
  const content = article?.querySelector('.content');
  const only = content?.firstElementChild;
  return only && !only.nextElementSibling ? only : (content ?? null);
}

/** A block as "only here" keeps it: its tag and the start of its text. */
function describe(el: Element): HiddenBlock {
  return { tag: el.localName, start: (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80) };
}

const hide = (el: Element | undefined, on: boolean) => {
  if (el) (el as HTMLElement).hidden = on;
};

/**
 * `articleEl`: the rendered `<article>`; `keys`: the view's dialog, where the pick mode hears keys; `page`: the
 * page's own document, which site rules are learned from.
 */
export function useHideBlocks(
  article: Article | null,
  articleEl: Element | null,
  keys: EventTarget | null,
  page: Document,
): HideBlocks {
  const [mode, setMode] = useState<HideBlocks['mode']>('off');
  const [said, setSaid] = useState('');
  const [undo, setUndo] = useState<(() => void) | null>(null);
  const [refused, setRefused] = useState<RefusedRule[]>([]);
  const picker = useRef<Picker | null>(null);
  const chosen = useRef<{ index: number; el: Element } | null>(null);
  const blocks = useRef<Element[]>([]);
  const url = article?.url ?? '';
  const site = siteOf(url);

  const say = (text: string, then: (() => void) | null = null) => {
    setSaid(text);
    setUndo(() => then);
  };
  const failed = (error: unknown) => say(t('pickFailed', [describeError(t, errorMessage(error))]));
  const failedToStart = (error: unknown) => say(t('pickUnavailable', [describeError(t, errorMessage(error))]));

  // The blocks hidden "only here" before (the pick mode's code loads only for an article that has some).
  useEffect(() => {
    const root = contentRoot(articleEl);
    blocks.current = [];
    setRefused(article?.refusedRules ?? []);
    if (!url || !root) return;
    let live = true;
    loadHiddenBlocks(url).then(
      async (hidden) => {
        if (!hidden.length) return;
        const { articleBlocks } = await loadPickMode();
        if (!live) return;
        blocks.current = articleBlocks(root);
        for (const el of blocks.current) {
          const d = describe(el);
          if (hidden.some((h) => h.tag === d.tag && h.start === d.start)) hide(el, true);
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
      picker.current?.stop();
      picker.current = null;
    };
  }, [articleEl]);

  // Where the focus goes when what had it goes away (the scope bar, Undo): the view, whose keys work on.
  const refocus = () => (keys as HTMLElement | null)?.focus?.({ preventScroll: true });
  const stopPicking = () => {
    picker.current?.stop();
    picker.current = null;
  };
  const leave = () => {
    stopPicking();
    setMode('off');
    say(t('pickLeft'));
    refocus();
  };
  const choose = (index: number) => {
    const el = blocks.current[index];
    if (!el) return;
    stopPicking();
    hide(el, true);
    chosen.current = { index, el };
    setMode('chosen');
    say(t('pickHidden'), () => {
      hide(el, false);
      chosen.current = null;
      setMode('off');
      say(t('pickShownAgain'));
    });
  };
  const starting = useRef(false);
  const start = () => {
    const root = contentRoot(articleEl);
    if (!root || !keys || starting.current) return;
    starting.current = true;
    loadPickMode()
      .then(({ articleBlocks, startPicker }) => {
        // Block i of the rendered article is provenance[i] of its extraction (the same walk).
        blocks.current = articleBlocks(root);
        if (!blocks.current.length || !root.isConnected) return;
        chosen.current = null;
        picker.current?.stop();
        picker.current = startPicker({ blocks: blocks.current, root, keys, onChoose: choose, onLeave: leave });
        setMode('picking');
        say(t('pickStarted'));
      })
      .catch(failedToStart)
      .finally(() => {
        starting.current = false;
      });
  };

  /** Keeps the chosen block hidden on this article (the fallback of a rule that cannot be learned too). */
  const keepHere = async (el: Element, note: string) => {
    const block = describe(el);
    await hideBlockHere(url, block);
    say(note, () => {
      hide(el, false);
      say(t('pickShownAgain'));
      void showBlockHere(url, block).catch(failed);
    });
  };
  const scoped = (action: (c: { index: number; el: Element }) => Promise<void>) => {
    const c = chosen.current;
    if (!c) return;
    chosen.current = null;
    setMode('off');
    refocus(); // the scope bar goes away with the focus
    action(c).catch(failed);
  };

  return {
    mode,
    site,
    said,
    undo: undo
      ? () => {
          undo();
          refocus();
        }
      : null,
    refused,
    toggle: () => (mode === 'picking' ? leave() : start()),
    leave,
    onlyHere: () => scoped(({ el }) => keepHere(el, t('pickHiddenHere'))),
    everySite: () =>
      scoped(async ({ index, el }) => {
        let rule: SiteRule | null;
        const { learnSiteRule } = await loadPickMode(); // loaded already: the block was picked with it
        try {
          rule = article?.provenance
            ? learnSiteRule({ page, url, provenance: article.provenance, block: index })
            : null;
        } catch {
          rule = null; // a page that shadows the document's methods: the block stays hidden here
        }
        if (!rule) return keepHere(el, t('pickNoRule', [site]));
        const learned = rule;
        await addSiteRule(learned);
        say(t('pickHiddenSite', [site]), () => {
          hide(el, false);
          say(t('pickShownAgain'));
          void removeSiteRule(learned.id).catch(failed);
        });
      }),
    removeRule: (id) => {
      void (async () => {
        const rule = (await listSiteRules()).find((r) => r.id === id);
        await removeSiteRule(id);
        setRefused((list) => list.filter((r) => r.rule !== id));
        say(
          t('pickRuleRemoved', [site]),
          rule
            ? () => {
                say(t('pickRuleRestored', [site]));
                void addSiteRule(rule).catch(failed);
              }
            : null,
        );
      })().catch(failed);
    },
  };
}
