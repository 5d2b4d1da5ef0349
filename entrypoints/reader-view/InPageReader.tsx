import { useEffect, useRef, useState } from 'preact/hooks';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { useLocalSummary } from '../../components/useSummary.ts';
import { builtInSummarizer } from '../../platform/builtin-summarizer.ts';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import type { ToolbarAction } from '../../components/ReaderToolbar.tsx';
import { useReaderShell } from '../../components/useReaderSettings.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';
import type { ViewData } from '../../contracts/page.ts';
import { settingsStore } from '../../platform/storage.ts';
import { Headphones } from '../../components/icons.tsx';
import { ListenPanel } from '../../components/listen/ListenPanel.tsx';

function toViewState({ result }: ViewData): ViewState {
  // Sanitized by the engine in this same script world (core/reader/sanitize.ts), moments ago.
  return result.ok
    ? { kind: 'article', article: result.article }
    : { kind: 'failure', reason: result.reason, detail: result.message };
}

/** The in-page clean view: the popup's reader, full window, with print and close. */
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

  const actions: ToolbarAction[] = [
    settingsAction,
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
    { id: 'print', label: t('print'), onClick: () => window.print() },
    { id: 'close', label: t('close'), hint: t('closeHint'), onClick: onClose },
  ];
  const title = state.kind === 'article' ? state.article.title : t('extName');

  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={dialog}>
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
      </ReaderShell>
    </div>
  );
}
