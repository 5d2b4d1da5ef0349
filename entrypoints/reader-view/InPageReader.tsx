import { useEffect, useRef, useState } from 'preact/hooks';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { useLocalSummary } from '../../components/useSummary.ts';
import { builtInSummarizer } from '../../platform/builtin-summarizer.ts';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import type { ToolbarAction } from '../../components/ReaderToolbar.tsx';
import { useReaderShell } from '../../components/useReaderSettings.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import { errorMessage } from '../../core/util/index.ts';
import type { ViewData } from '../../contracts/page.ts';
import type { MessageKey } from '../../contracts/i18n.ts';
import { settingsStore } from '../../platform/storage.ts';
import { ListenPanel } from '../../components/listen/ListenPanel.tsx';
import {
  Archive,
  ArchiveRestore,
  Bookmark,
  BookmarkCheck,
  EyeOff,
  Headphones,
  List,
  Printer,
  Star,
  X,
} from '../../components/icons.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';
import { highlightStore } from '../reader/highlight-store.ts';
import { PickBar, RefusedNotice } from '../../components/pick/PickBar.tsx';
import { usePageItem } from './use-page-item.ts';
import { LazyHighlights } from './LazyHighlights.tsx';
import { useHideBlocks } from './use-hide-blocks.ts';

/** The view's own keys (the reading list's letters, the same in English and French), shown in the tooltips. */
const KEYS = { read: 'A', favourite: 'F', hide: 'X' } as const;

/** A tooltip: its sentences, with the browser's shortcut or the view's key when there is one. */
function hint(key: MessageKey, extra: { shortcut?: string; key?: string; savesFirst?: boolean } = {}): string {
  let text = t(key);
  if (extra.savesFirst) text = `${text} ${t('viewSavesFirst')}`;
  if (extra.shortcut) text = t('hintWithShortcut', [text, extra.shortcut]);
  if (extra.key) text = t('hintWithKey', [text, extra.key]);
  return text;
}

/** Whether a key press was meant for a control that takes text or arrows (the settings' fields). */
function typing(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  return target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
}

function toViewState({ result }: ViewData): ViewState {
  // Sanitized by the engine in this same script world (core/reader/sanitize.ts), moments ago.
  return result.ok
    ? { kind: 'article', article: result.article }
    : { kind: 'failure', reason: result.reason, detail: result.message };
}

/**
 * The in-page clean view: the popup's reader, full window, with the reader's actions on the page (save, mark read,
 * favourite, the reading list), print and close.
 */
export function InPageReader({ initial, onClose }: { initial: ViewData; onClose: () => void }) {
  const [state, setState] = useState<ViewState>(() => toViewState(initial));
  const { settings, ready, settingsAction, shell } = useReaderShell(settingsStore, t, uiLanguage());
  const summary = useLocalSummary(state.kind === 'article' ? state.article : null);
  const captions = useRef<boolean | null>(null);
  // Listen: on at once when the popup's Listen opened the view; reads the article as rendered in the dialog.
  const [listening, setListening] = useState(initial.listen === true);
  const dialog = useRef<HTMLDivElement>(null);
  const [articleElement, setArticleElement] = useState<Element | null>(null);
  useEffect(() => {
    setArticleElement(state.kind === 'article' ? (dialog.current?.querySelector('main article') ?? null) : null);
  }, [state]);
  const page = usePageItem(state.kind === 'article' ? state.article : null);
  const { item } = page;
  const { shortcuts } = initial;
  const hiding = useHideBlocks(
    state.kind === 'article' ? state.article : null,
    articleElement,
    dialog.current,
    document,
  );
  // One status line: it says what the last action did, the page's item's or Hide a block's.
  const [lastSaid, setLastSaid] = useState<'page' | 'hide'>('page');
  useEffect(() => setLastSaid('hide'), [hiding.said, hiding.undo]);
  useEffect(() => setLastSaid('page'), [page.said, page.removed]);

  // Extract again (in the background, which may script the page) and let the new view replace this one.
  const reopen = (force: boolean) => {
    setState({ kind: 'loading' });
    sendMessage('openReaderView', { force }).catch((reason: unknown) =>
      setState({ kind: 'failure', reason: 'error', detail: String(reason) }),
    );
  };

  // Captions are kept or dropped by the extraction: a change of that setting extracts again.
  useEffect(() => {
    if (!ready) return;
    if (captions.current !== null && captions.current !== settings.showCaptions) reopen(initial.forced);
    captions.current = settings.showCaptions;
  }, [ready, settings.showCaptions]);

  // The reading list page opens in a tab, which only the background may do from here.
  const openList = () => {
    sendMessage('openReadingList', undefined).then(
      () => page.say(t('viewListOpened')),
      (error: unknown) => page.say(t('viewListFailed', [describeError(t, errorMessage(error))])),
    );
  };
  const unread = !item || item.state === 'unread';
  const actions: ToolbarAction[] = [
    {
      id: 'reading-list',
      label: t('backToList'),
      hint: t('openListHint'),
      icon: List,
      group: 'views',
      onClick: openList,
    },
    ...(state.kind === 'article'
      ? [
          {
            id: 'save',
            // A toggle, as in the popup: "Saved" takes the page out of the list again (with undo).
            label: t(item ? 'savedForLater' : 'saveForLater'),
            hint: item ? t('unsaveHint') : hint('saveForLaterHint', { shortcut: shortcuts.save }),
            icon: item ? BookmarkCheck : Bookmark,
            pressed: !!item,
            onClick: page.toggleSave,
          },
          {
            id: 'mark-read',
            label: t(unread ? 'markRead' : 'markUnread'),
            hint: hint(unread ? 'markReadHint' : 'markUnreadHint', { key: KEYS.read, savesFirst: !item }),
            icon: unread ? Archive : ArchiveRestore,
            onClick: page.toggleRead,
          },
          {
            id: 'favourite',
            label: t('favourite'),
            hint: hint(item?.favourite ? 'unfavouriteHint' : 'favouriteHint', {
              key: KEYS.favourite,
              savesFirst: !item,
            }),
            icon: Star,
            iconOnly: true,
            pressed: !!item?.favourite,
            onClick: page.toggleFavourite,
          },
        ]
      : []),
    { id: 'print', label: t('print'), icon: Printer, iconOnly: true, onClick: () => window.print() },
    settingsAction,
    ...(state.kind === 'article'
      ? [
          {
            id: 'hide-block',
            label: t('pickAction'),
            hint: hint('pickHint', { key: KEYS.hide }),
            icon: EyeOff,
            pressed: hiding.mode === 'picking',
            onClick: hiding.toggle,
          },
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
    {
      id: 'close',
      label: t('close'),
      hint: hint('closeHint', { shortcut: shortcuts.toggleView }),
      icon: X,
      iconOnly: true,
      onClick: onClose,
    },
  ];
  const title = state.kind === 'article' ? state.article.title : t('extName');
  const onKeyDown = (event: KeyboardEvent) => {
    if (state.kind !== 'article' || event.altKey || event.ctrlKey || event.metaKey || typing(event)) return;
    const run = {
      [KEYS.read]: page.toggleRead,
      [KEYS.favourite]: page.toggleFavourite,
      [KEYS.hide]: hiding.toggle,
    }[event.key.toUpperCase()];
    if (!run) return;
    event.preventDefault();
    run();
  };

  return (
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      tabIndex={-1}
      ref={dialog}
      onKeyDown={onKeyDown}
    >
      <ReaderShell {...shell} actions={actions}>
        {listening && state.kind === 'article' && (
          <ListenPanel
            article={articleElement}
            lang={state.article.lang || uiLanguage()}
            settings={settings}
            onSettingsChange={shell.onSettingsChange}
            t={t}
            locale={uiLanguage()}
            keyTarget={dialog.current}
          />
        )}
        {hiding.mode !== 'off' && (
          <PickBar
            mode={hiding.mode}
            site={hiding.site}
            t={t}
            onLeave={hiding.leave}
            onOnlyHere={hiding.onlyHere}
            onEverySite={hiding.everySite}
          />
        )}
        <RefusedNotice
          refused={hiding.refused}
          site={hiding.site}
          t={t}
          onRemove={hiding.removeRule}
          onReview={() => {
            sendMessage('openSiteRules', undefined).catch((error: unknown) =>
              page.say(t('pickReviewFailed', [describeError(t, errorMessage(error))])),
            );
          }}
        />
        {lastSaid === 'hide' && hiding.said ? (
          <StatusLine said={hiding.said} onUndo={hiding.undo} undoLabel={t('undo')} />
        ) : (
          <StatusLine said={page.said} onUndo={page.removed ? page.undo : null} undoLabel={t('undo')} />
        )}
        <ArticleView
          state={state}
          t={t}
          locale={uiLanguage()}
          onShowAnyway={() => reopen(true)}
          onRetry={() => reopen(initial.forced)}
          onOpenLink={(url) => window.open(url, '_blank', 'noopener,noreferrer')}
          summary={summary}
          builtIn={builtInSummarizer}
          onCopy={(text) => void navigator.clipboard.writeText(text).catch(() => undefined)}
          summaryOpen={settings.summaryOpen}
          onSummaryToggle={(summaryOpen) => shell.onSettingsChange({ ...settings, summaryOpen })}
        />
        {/* Highlights of the page's item (the same id as the list's): on a page not saved yet, the first saves it. */}
        {state.kind === 'article' && initial.itemId && (
          <LazyHighlights
            onFailure={(error) => page.say(t('hlLoadFailed', [describeError(t, errorMessage(error))]))}
            root={articleElement?.querySelector('.content') ?? null}
            itemId={initial.itemId}
            store={highlightStore}
            article={{ title: state.article.title, url: state.article.url }}
            inList={!!item}
            beforeAdd={page.saveFirst}
            paint="boxes"
            t={t}
            locale={uiLanguage()}
          />
        )}
      </ReaderShell>
    </div>
  );
}
