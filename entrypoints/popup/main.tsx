import { render } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { useLocalSummary, type BuiltInSummarizer } from '../../components/useSummary.ts';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import { lazyComponent } from '../../components/lazy.tsx';
import { useReaderShell } from '../../components/useReaderSettings.ts';
import type { ToolbarAction } from '../../components/ReaderToolbar.tsx';
import { BookOpen, Bookmark, BookmarkCheck, List, Maximize2 } from '../../components/icons.tsx';
import { extractTab, prepareExtraction, type PageResult } from '../../platform/extract-tab.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { mirroredSettingsStore } from '../../platform/storage.ts';
import { firstActiveTab, getActiveTab, openInNewTab, type TabRef } from '../../platform/tabs.ts';
import { loadShortcuts, type Shortcuts } from '../../platform/shortcuts.ts';
import { useSaved } from './use-saved.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { POPUP_EARLY_ATTRIBUTE, POPUP_MARKS, POPUP_STAGE_MARKS } from '../../contracts/page.ts';
import type { MessageKey } from '../../contracts/i18n.ts';
import '../../components/reader.css';
import '../../components/reader-frame.css';
import { errorMessage } from '../../core/util/index.ts';

performance.mark(POPUP_STAGE_MARKS.module);

// Loaded when first needed (a click, or after the article shows): what every open loads stays small.
const builtIn = () => import('../../platform/builtin-summarizer.ts');
const builtInSummarizer: BuiltInSummarizer = {
  availability: async (lang) => (await builtIn()).builtInSummarizer.availability(lang),
  summarize: async (...args) => (await builtIn()).builtInSummarizer.summarize(...args),
};
const messaging = () => import('../../platform/messaging.ts');

// The sanitizer (DOMPurify) loads while the page is being read, off the path to the popup's first paint; the
// article waits for it. core/reader/sanitize.ts, not the domain's index.ts: Readability and the rules stay out of the popup.
const sanitizer = import('../../core/reader/sanitize.ts');

async function toViewState(result: PageResult): Promise<ViewState> {
  if (!result.ok) return { kind: 'failure', reason: result.reason, detail: result.message };
  // Defense in depth: the engine already sanitized this HTML, but it was produced inside the page's process.
  const contentHtml = (await sanitizer).sanitizeHtml(result.article.contentHtml, document);
  performance.mark(POPUP_STAGE_MARKS.sanitized);
  return { kind: 'article', article: { ...result.article, contentHtml } };
}

function errorState(error: unknown): ViewState {
  return { kind: 'failure', reason: 'error', detail: errorMessage(error) };
}

// The reading list (IndexedDB, search, list UI) loads when its tab is first opened: the article view, which
// every click shows, stays small and quick to start.
const LazyReadingList = lazyComponent(
  () => import('./ReadingListTab.tsx').then((m) => m.ReadingListTab),
  (failure) => (
    <main class="view" data-state={failure ? 'failure' : 'loading'} data-reason={failure ? 'error' : undefined}>
      <p class="status" role={failure ? 'alert' : 'status'} title={failure ? describeError(t, failure) : undefined}>
        {t(failure ? 'failureError' : 'popupLoading')}
      </p>
    </main>
  ),
);

// The first extraction starts as this module runs, not after Preact's first render and its effects (a frame or
// more later), with the captions setting of the last open: the stored one is compared once it arrives.
prepareExtraction();
const firstCaptions = mirroredSettingsStore.lastSeen?.()?.showCaptions ?? false;
const firstTab = firstActiveTab();
const firstResult = firstTab.then((tab) => {
  if (!tab) throw new Error('no active tab');
  performance.mark(POPUP_STAGE_MARKS.tab);
  return extractTab(tab.id, { force: false, keepCaptions: firstCaptions, partial: false }, tab.url);
});
firstResult.catch(() => undefined); // handled where it is awaited (App's first load)

// The tab's title as the popup's first script (entrypoints/popup-early.ts) already shows it: the first render keeps
// it in place instead of taking it away until the tab is known again.
const earlyTitle = document.querySelector(`#app [${POPUP_EARLY_ATTRIBUTE}] h1.title`)?.textContent || undefined;

/** A tooltip, with the action's keyboard shortcut when one is set. */
function withShortcut(hint: MessageKey, shortcut: string): string {
  return shortcut ? t('hintWithShortcut', [t(hint), shortcut]) : t(hint);
}

function App() {
  const [state, setState] = useState<ViewState>({ kind: 'loading', title: earlyTitle });
  const [tabShown, setTabShown] = useState<'article' | 'list'>('article');
  const [shortcuts, setShortcuts] = useState<Shortcuts>({ save: '', toggleView: '' });
  const { settings, ready, settingsAction, shell } = useReaderShell(mirroredSettingsStore, t, uiLanguage());
  const article = state.kind === 'article' ? state.article : null;
  const summary = useLocalSummary(article);
  const saved = useSaved(article);
  // The tab is picked once, when the popup opens: "Show it anyway" reads the same tab again.
  const tab = useRef<TabRef | null>(null);
  const forced = useRef(false);

  // Only the latest extraction may show: an earlier one (the captions setting changed meanwhile) is dropped.
  const latestLoad = useRef(0);
  const load = useCallback(async (force: boolean, keepCaptions: boolean, partial = false, first = false) => {
    const id = ++latestLoad.current;
    const show = (next: ViewState) => id === latestLoad.current && setState(next);
    forced.current = force;
    // The tab's own title stands in for the article's while the page is read.
    const loading = () => show({ kind: 'loading', title: tab.current?.title || earlyTitle });
    loading();
    try {
      tab.current ??= await (first ? firstTab : getActiveTab());
      if (!tab.current) throw new Error('no active tab');
      if (first) loading();
      // What has loaded is shown as it is, article or not.
      const options = { force: force || partial, keepCaptions, partial };
      const result = await (first ? firstResult : extractTab(tab.current.id, options, tab.current.url));
      performance.mark(POPUP_STAGE_MARKS.extracted);
      show(await toViewState(result));
    } catch (error) {
      show(errorState(error));
    }
  }, []);

  // Committed to the document, painted at the next frame: the milestones the speed test reads.
  useLayoutEffect(() => {
    const once = (name: string) => performance.getEntriesByName(name).length || performance.mark(name);
    if (state.kind === 'article' || (state.kind === 'loading' && state.title)) once(POPUP_MARKS.title);
    if (state.kind === 'article') once(POPUP_MARKS.article);
  }, [state]);

  // The reader may have changed the shortcuts in the browser's settings: show the ones that work.
  useEffect(() => {
    void loadShortcuts().then(setShortcuts);
  }, []);

  // Extract at once with the captions setting of the last open, and again if the stored one differs (or changes).
  const extractedWithCaptions = useRef<boolean | null>(null);
  // A layout effect: it runs within the first render, so the tab's title shows as soon as the tab is known.
  useLayoutEffect(() => {
    extractedWithCaptions.current = firstCaptions;
    void load(false, firstCaptions, false, true);
  }, [load]);
  useEffect(() => {
    if (!ready) return;
    performance.mark(POPUP_STAGE_MARKS.settings);
    if (extractedWithCaptions.current === settings.showCaptions) return;
    extractedWithCaptions.current = settings.showCaptions;
    void load(forced.current, settings.showCaptions);
  }, [ready, settings.showCaptions, load]);

  /** `listen`: the view starts reading aloud at once (this popup closes on blur, so it could not read). */
  const openFullView = async (listen = false) => {
    const target = tab.current ?? (await getActiveTab());
    if (!target) return;
    // The background opens it: this popup closes at once and could not finish the work itself.
    const { sendMessage } = await messaging();
    void sendMessage('openReaderView', { tabId: target.id, force: forced.current, listen }).catch(() => undefined);
    window.close();
  };

  // Not where it cannot show, nor where the page did not answer: the view would only wait again.
  const canOpenFullView =
    state.kind === 'article' ||
    (state.kind === 'failure' && !['restricted', 'not-html', 'unresponsive', 'no-response'].includes(state.reason));
  const actions: ToolbarAction[] = [
    {
      id: 'tab-article',
      label: t('tabArticle'),
      icon: BookOpen,
      group: 'views',
      pressed: tabShown === 'article',
      onClick: () => setTabShown('article'),
    },
    {
      id: 'tab-list',
      label: t('tabReadingList'),
      icon: List,
      group: 'views',
      pressed: tabShown === 'list',
      onClick: () => setTabShown('list'),
    },
    ...(state.kind === 'article' && tabShown === 'article'
      ? [
          {
            id: 'save',
            // A toggle: "Saved" takes the article out of the list again.
            label: t(saved.status === 'saved' ? 'savedForLater' : 'saveForLater'),
            hint: saved.status === 'saved' ? t('unsaveHint') : withShortcut('saveForLaterHint', shortcuts.save),
            icon: saved.status === 'saved' ? BookmarkCheck : Bookmark,
            pressed: saved.status === 'saved',
            onClick: saved.toggle,
          },
        ]
      : []),
    ...(canOpenFullView && tabShown === 'article'
      ? [
          {
            id: 'open-full-view',
            label: t('openFullView'),
            hint: withShortcut('openFullViewHint', shortcuts.toggleView),
            icon: Maximize2,
            iconOnly: true,
            onClick: () => void openFullView(),
          },
        ]
      : []),
    settingsAction,
  ];

  return (
    <ReaderShell {...shell} actions={actions}>
      {saved.error && (
        <p class="notice" role="alert">
          {t('saveFailed', [describeError(t, saved.error)])}
        </p>
      )}
      {saved.copyFailure && (
        <p class="notice save-warning" role="status">
          {t(saved.copyFailure === 'quota' ? 'savedNoCopyQuota' : 'savedNoCopyUnavailable')}
        </p>
      )}
      {saved.unsaved && tabShown === 'article' && (
        <p class="notice unsaved" role="status">
          {t('unsavedItem', [saved.unsaved.title])}{' '}
          <button type="button" class="action-undo" onClick={saved.undo}>
            {t('undo')}
          </button>
        </p>
      )}
      {tabShown === 'list' ? (
        <LazyReadingList saveShortcut={shortcuts.save} />
      ) : (
        <ArticleView
          state={state}
          t={t}
          locale={uiLanguage()}
          onShowAnyway={() => void load(true, settings.showCaptions)}
          onRetry={() => void load(forced.current, settings.showCaptions)}
          onReadPartial={() => void load(forced.current, settings.showCaptions, true)}
          onOpenLink={(url) => void openInNewTab(url).catch(() => undefined)}
          summary={summary}
          builtIn={builtInSummarizer}
          onCopy={(text) => void navigator.clipboard.writeText(text).catch(() => undefined)}
          summaryOpen={settings.summaryOpen}
          onSummaryToggle={(summaryOpen) => shell.onSettingsChange({ ...settings, summaryOpen })}
          onListen={() => void openFullView(true)}
        />
      )}
    </ReaderShell>
  );
}

function start() {
  const root = document.getElementById('app');
  if (!root) return;
  try {
    document.documentElement.lang = uiLanguage();
    document.title = t('extName');
    render(<App />, root);
  } catch (error) {
    // Never a blank popup, even if something failed before Preact could render (the browser's words in the log).
    console.error(error);
    root.textContent = t('failureError');
  }
}

start();
