import { render } from 'preact';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
// core/sanitize.ts, not core/index.ts: keeps Readability and the cleanup rules out of the popup bundle.
import { sanitizeHtml } from '../../core/sanitize.ts';
import { ArticleView, type ViewState } from '../../components/ArticleView.tsx';
import { extractTab, type PageResult } from '../../platform/extract-tab.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { getActiveTab, openInNewTab, type TabRef } from '../../platform/tabs.ts';

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
  // The tab is picked once, when the popup opens: "Show it anyway" reads the same tab again.
  const tab = useRef<TabRef | null>(null);

  const load = useCallback(async (force: boolean) => {
    setState({ kind: 'loading' });
    try {
      tab.current ??= await getActiveTab();
      if (!tab.current) throw new Error('no active tab');
      setState(toViewState(await extractTab(tab.current.id, { force }, tab.current.url)));
    } catch (error) {
      setState(errorState(error));
    }
  }, []);

  // Start at once, not after the first paint (useEffect): the loading state shows meanwhile anyway, and an
  // effect waits for an animation frame, which a page that is not in front may not get for seconds.
  useLayoutEffect(() => {
    void load(false);
  }, [load]);

  return (
    <ArticleView
      state={state}
      t={t}
      onShowAnyway={() => void load(true)}
      onOpenLink={(url) => void openInNewTab(url).catch(() => undefined)}
    />
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
