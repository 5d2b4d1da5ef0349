import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
// core/sanitize.ts, not core/index.ts: keeps Readability and the cleanup rules out of the popup bundle.
import { sanitizeHtml } from '../../core/sanitize.ts';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import { useReaderSettings, type SettingsStore } from '../../components/useReaderSettings.ts';
import type { ToolbarAction } from '../../components/ReaderToolbar.tsx';
import { extractTab, type PageResult } from '../../platform/extract-tab.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { loadSettings, saveSettings, watchSettings } from '../../platform/storage.ts';
import { getActiveTab, openInNewTab, type TabRef } from '../../platform/tabs.ts';
import '../../components/reader.css';
import './style.css';

const settingsStore: SettingsStore = { load: loadSettings, save: saveSettings, watch: watchSettings };

function toViewState(result: PageResult): ViewState {
  if (!result.ok) return { kind: 'failure', reason: result.reason, detail: result.message };
  // Defense in depth: the engine already sanitized this HTML, but it was produced inside the page's process.
  const contentHtml = sanitizeHtml(result.article.contentHtml, document);
  return { kind: 'article', article: { ...result.article, contentHtml } };
}

function errorState(error: unknown): ViewState {
  return { kind: 'failure', reason: 'error', detail: error instanceof Error ? error.message : String(error) };
}

function App() {
  const [state, setState] = useState<ViewState>({ kind: 'loading' });
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { settings, ready, error: settingsError, update } = useReaderSettings(settingsStore);
  // The tab is picked once, when the popup opens: "Show it anyway" reads the same tab again.
  const tab = useRef<TabRef | null>(null);
  const forced = useRef(false);

  const load = useCallback(async (force: boolean, keepCaptions: boolean) => {
    forced.current = force;
    setState({ kind: 'loading' });
    try {
      tab.current ??= await getActiveTab();
      if (!tab.current) throw new Error('no active tab');
      setState(toViewState(await extractTab(tab.current.id, { force, keepCaptions }, tab.current.url)));
    } catch (error) {
      setState(errorState(error));
    }
  }, []);

  // Extract once the settings are known (captions shown or not), and again when that setting changes.
  useEffect(() => {
    if (ready) void load(forced.current, settings.showCaptions);
  }, [ready, settings.showCaptions, load]);

  const openFullView = async () => {
    const target = tab.current ?? (await getActiveTab());
    if (!target) return;
    // The background opens it: this popup closes at once and could not finish the work itself.
    void sendMessage('openReaderView', { tabId: target.id, force: forced.current }).catch(() => undefined);
    window.close();
  };

  const canOpenFullView =
    state.kind === 'article' || (state.kind === 'failure' && !['restricted', 'not-html'].includes(state.reason));
  const actions: ToolbarAction[] = [
    ...(canOpenFullView
      ? [
          {
            id: 'open-full-view',
            label: t('openFullView'),
            hint: t('openFullViewHint'),
            onClick: () => void openFullView(),
          },
        ]
      : []),
    { id: 'settings', label: t('settings'), pressed: settingsOpen, onClick: () => setSettingsOpen(!settingsOpen) },
  ];

  return (
    <ReaderShell
      settings={settings}
      t={t}
      actions={actions}
      settingsOpen={settingsOpen}
      settingsError={settingsError}
      onSettingsChange={update}
    >
      <ArticleView
        state={state}
        t={t}
        locale={uiLanguage()}
        onShowAnyway={() => void load(true, settings.showCaptions)}
        onRetry={() => void load(forced.current, settings.showCaptions)}
        onOpenLink={(url) => void openInNewTab(url).catch(() => undefined)}
      />
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
    // Never a blank popup, even if something failed before Preact could render.
    root.textContent = error instanceof Error ? error.message : String(error);
  }
}

start();
