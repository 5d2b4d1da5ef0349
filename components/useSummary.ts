import { useEffect, useState } from 'preact/hooks';
import type { Article, Summary as LocalSummary, summarize as Summarize } from '../core/reader/index.ts';

export type SummaryMethod = 'local' | 'built-in';

export type SummaryState =
  | { status: 'loading' }
  /** Too short to summarize, or nothing worth picking. */
  | { status: 'none' }
  | { status: 'ready'; method: SummaryMethod; sentences: { text: string; paragraph: number | null }[] };

// The summarizer (and its stop-word lists) loads after the article is shown, not before.
let summarizer: Promise<typeof Summarize> | null = null;
const loadSummarizer = () => (summarizer ??= import('../core/reader/summary/summarize.ts').then((m) => m.summarize));

function fromLocal(summary: LocalSummary): SummaryState {
  return summary.sentences.length
    ? { status: 'ready', method: 'local', sentences: summary.sentences }
    : { status: 'none' };
}

/** The on-device summary of an article: computed once per article, off the first paint. */
export function useLocalSummary(article: Article | null): SummaryState {
  const [state, setState] = useState<SummaryState>({ status: 'loading' });
  useEffect(() => {
    if (!article) return;
    let live = true;
    setState({ status: 'loading' });
    loadSummarizer().then(
      (summarize) => live && setState(fromLocal(summarize(article))),
      () => live && setState({ status: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [article]);
  return state;
}

/** The browser's own summarizer, as platform/builtin-summarizer.ts provides it (injected: no browser API here). */
export interface BuiltInSummarizer {
  availability(lang: string): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available'>;
  summarize(text: string, lang: string, points: number, onDownload: (fraction: number) => void): Promise<string[]>;
}
