import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sanitizeHtml, type ListenPlace } from '../../core/reader/index.ts';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { useLocalSummary, type SummaryState } from '../../components/useSummary.ts';
import { builtInSummarizer } from '../../platform/builtin-summarizer.ts';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import type { ToolbarAction } from '../../components/ReaderToolbar.tsx';
import { useReaderShell } from '../../components/useReaderSettings.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { OfflineStoreError, getOfflineArticle, type OfflineArticle } from '../../platform/offline-store.ts';
import { mirroredSettingsStore } from '../../platform/storage.ts';
import { loadListenPlace, saveListenPlace } from '../../platform/listen-places.ts';
import { openInNewTab, readingListUrl } from '../../platform/tabs.ts';
import {
  ArrowLeft,
  Archive,
  ArchiveRestore,
  ExternalLink,
  Headphones,
  Printer,
  Star,
  Trash2,
} from '../../components/icons.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';
import { useItemActions } from './use-item-actions.ts';
import { ListenPanel } from '../../components/listen/ListenPanel.tsx';
import '../../components/listen/listen.css';
import '../../components/reader.css';
import '../../components/reader-frame.css';
import '../../components/highlights/highlights.css';
import './style.css';
import { MissingCopy, type MissingCopyKind } from './MissingCopy.tsx';
import { errorMessage } from '../../core/util/index.ts';
import { highlightsOfItem, type Highlight } from '../../core/reading-list/index.ts';
import { ArticleHighlights } from '../../components/highlights/ArticleHighlights.tsx';
import { focusedHighlight, highlightStore } from './highlight-store.ts';

// The offline copy of a saved article (reader.html?id=…): read from IndexedDB, no network needed.
const id = new URLSearchParams(location.search).get('id') ?? '';

/** Reading progress is saved at most this often while scrolling (sync storage counts writes). */
const PROGRESS_INTERVAL_MS = 2_000;

function scrollProgress(): number {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  return max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 1;
}

/** The copy, or why there is none: never a rejection (the page always says something). */
async function readCopy(): Promise<{ copy: OfflineArticle } | { missing: MissingCopyKind; detail: string }> {
  try {
    const copy = await getOfflineArticle(id);
    return copy ? { copy } : { missing: 'missing', detail: `no offline copy of ${id}` };
  } catch (error) {
    const damaged = error instanceof OfflineStoreError && error.kind === 'damaged';
    return { missing: damaged ? 'damaged' : 'unavailable', detail: errorMessage(error) };
  }
}

function App() {
  const [state, setState] = useState<ViewState>({ kind: 'loading' });
  const [missing, setMissing] = useState<{ kind: MissingCopyKind; detail: string } | null>(null);
  const [unplaced, setUnplaced] = useState<Highlight[]>([]);
  const [url, setUrl] = useState<string | null>(null);
  const { settings, settingsAction, shell } = useReaderShell(mirroredSettingsStore, t, uiLanguage());
  const [stored, setStored] = useState<SummaryState | null>(null);
  const summary = useLocalSummary(state.kind === 'article' ? state.article : null);
  const actionsOnItem = useItemActions(id);
  const { item: saved } = actionsOnItem;

  useEffect(() => {
    void (async () => {
      try {
        const [read, item] = await Promise.all([readCopy(), sendMessage('getItem', { id }).catch(() => null)]);
        actionsOnItem.setItem(item);
        if (!('copy' in read)) {
          setUrl(item?.url ?? null);
          if (item?.title) document.title = item.title;
          setMissing({ kind: read.missing, detail: read.detail });
          // Highlights without a copy to place them in (an import's) are still the reader's: list them.
          void highlightStore.list(id).then(
            ({ records }) => setUnplaced(highlightsOfItem(records, id)),
            () => undefined,
          );
          return;
        }
        const { copy } = read;
        setUrl(copy.article.url || item?.url || null);
        document.title = copy.article.title;
        const contentHtml = sanitizeHtml(copy.article.contentHtml, document);
        // The summary made when it was saved (a built-in one can still be asked for).
        if (copy.summary?.length) setStored({ status: 'ready', method: 'local', sentences: copy.summary });
        setState({ kind: 'article', article: { ...copy.article, contentHtml, removed: [] } });
        // Back where the reader stopped, once the article is laid out.
        const progress = item?.progress ?? 0;
        if (progress > 0 && progress < 1) {
          requestAnimationFrame(() => {
            const max = document.documentElement.scrollHeight - window.innerHeight;
            window.scrollTo(0, Math.round(progress * max));
          });
        }
      } catch (failure) {
        setState({ kind: 'failure', reason: 'error', detail: errorMessage(failure) });
      }
    })();
  }, []);

  useEffect(() => {
    if (state.kind !== 'article') return;
    let last = -1;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const report = () => {
      timer = null;
      const progress = Math.round(scrollProgress() * 100) / 100;
      if (progress === last) return;
      last = progress;
      void sendMessage('changeItem', { id, change: { field: 'progress', value: progress } }).catch(() => undefined);
    };
    const onScroll = () => {
      timer ??= setTimeout(report, PROGRESS_INTERVAL_MS);
    };
    const onHide = () => {
      if (timer) clearTimeout(timer);
      report();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onHide);
    };
  }, [state.kind]);

  // Listen reads the article as rendered: its element, once it is there. It starts where the reader stopped
  // listening last time (kept on this device for each saved article).
  const [listening, setListening] = useState(false);
  const listenPlace = useRef<ListenPlace | null>(null);
  useEffect(() => {
    void loadListenPlace(id).then((place) => (listenPlace.current ??= place));
  }, []);
  const keepListenPlace = (place: ListenPlace | null) => {
    listenPlace.current = place;
    void saveListenPlace(id, place).catch(() => undefined);
  };
  const [articleElement, setArticleElement] = useState<Element | null>(null);
  useEffect(() => {
    setArticleElement(state.kind === 'article' ? document.querySelector('main article') : null);
  }, [state]);

  const actions: ToolbarAction[] = [
    {
      id: 'back',
      label: t('backToList'),
      icon: ArrowLeft,
      group: 'views',
      onClick: () => location.assign(readingListUrl()),
    },
    ...(saved && !actionsOnItem.deleted
      ? [
          {
            id: 'mark-read',
            label: t(saved.state === 'unread' ? 'markRead' : 'markUnread'),
            hint: t(saved.state === 'unread' ? 'markReadHint' : 'markUnreadHint'),
            icon: saved.state === 'unread' ? Archive : ArchiveRestore,
            onClick: actionsOnItem.toggleRead,
          },
          {
            id: 'favourite',
            label: t('favourite'),
            icon: Star,
            iconOnly: true,
            pressed: saved.favourite,
            onClick: actionsOnItem.toggleFavourite,
          },
          { id: 'delete', label: t('delete'), icon: Trash2, iconOnly: true, onClick: actionsOnItem.remove },
        ]
      : []),
    ...(state.kind === 'article'
      ? [
          {
            id: 'listen',
            label: t('listenPlay'),
            hint: t('listenHint'),
            icon: Headphones,
            pressed: listening,
            onClick: () => setListening((on) => !on),
          },
        ]
      : []),
    { id: 'print', label: t('print'), icon: Printer, iconOnly: true, onClick: () => window.print() },
    ...(url
      ? [
          {
            id: 'original',
            label: t('menuOpenOriginal'),
            icon: ExternalLink,
            iconOnly: true,
            onClick: () => void openInNewTab(url),
          },
        ]
      : []),
    settingsAction,
  ];
  return (
    <ReaderShell {...shell} actions={actions}>
      <StatusLine
        said={actionsOnItem.said}
        onUndo={actionsOnItem.deleted ? actionsOnItem.undoRemove : null}
        undoLabel={t('undo')}
      />
      {listening && state.kind === 'article' && (
        <ListenPanel
          article={articleElement}
          lang={state.article.lang || uiLanguage()}
          settings={settings}
          onSettingsChange={shell.onSettingsChange}
          t={t}
          locale={uiLanguage()}
          from={listenPlace.current}
          onPlace={keepListenPlace}
        />
      )}
      {missing ? (
        <MissingCopy
          kind={missing.kind}
          url={url}
          detail={missing.detail}
          t={t}
          onOpenOriginal={(link) => void openInNewTab(link).catch(() => undefined)}
          highlights={unplaced}
        />
      ) : (
        <ArticleView
          state={state}
          t={t}
          locale={uiLanguage()}
          onShowAnyway={() => undefined}
          onRetry={() => location.reload()}
          onOpenLink={(link) => void openInNewTab(link).catch(() => undefined)}
          summary={stored ?? summary}
          builtIn={builtInSummarizer}
          onCopy={(text) => void navigator.clipboard.writeText(text).catch(() => undefined)}
          summaryOpen={settings.summaryOpen}
          onSummaryToggle={(summaryOpen) => shell.onSettingsChange({ ...settings, summaryOpen })}
        />
      )}
      {/* Highlights and notes (components/highlights/): painted over the text, listed below it. */}
      {!missing && state.kind === 'article' && (
        <ArticleHighlights
          root={articleElement?.querySelector('.content') ?? null}
          itemId={id}
          store={highlightStore}
          article={{ title: state.article.title, url: state.article.url }}
          focusId={focusedHighlight(location.hash)}
          t={t}
          locale={uiLanguage()}
        />
      )}
    </ReaderShell>
  );
}

const root = document.getElementById('app');
if (root) {
  document.documentElement.lang = uiLanguage();
  render(<App />, root);
}
