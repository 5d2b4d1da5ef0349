import { useEffect, useState } from 'preact/hooks';
import type { Article } from '../core/index.ts';
import type { BuiltInOffer } from './ArticleView.tsx';
import type { Summary as LocalSummary, summarize as Summarize } from '../core/summary/index.ts';

export type SummaryMethod = 'local' | 'built-in';

export type SummaryState =
  | { status: 'loading' }
  /** Too short to summarize, or nothing worth picking. */
  | { status: 'none' }
  | { status: 'ready'; method: SummaryMethod; sentences: { text: string; paragraph: number | null }[] };

// The summarizer (and its stop-word lists) loads after the article is shown, not before.
let summarizer: Promise<typeof Summarize> | null = null;
const loadSummarizer = () => (summarizer ??= import('../core/summary/index.ts').then((m) => m.summarize));

export function fromLocal(summary: LocalSummary): SummaryState {
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

/**
 * The local summary at once, and the browser's built-in one as an offer where it can summarize the article's
 * language; choosing it (a click) may start the model download.
 */
export function useSummary(article: Article | null, builtIn?: BuiltInSummarizer) {
  const local = useLocalSummary(article);
  const [offer, setOffer] = useState<BuiltInOffer | null>(null);
  const [chosen, setChosen] = useState<SummaryState | null>(null);

  useEffect(() => {
    setOffer(null);
    setChosen(null);
    if (!article || !builtIn) return;
    let live = true;
    builtIn.availability(article.lang).then(
      (availability) => {
        if (live && availability !== 'unavailable') {
          setOffer({ availability, progress: null, running: false, error: null });
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [article, builtIn]);

  const useBuiltIn = () => {
    if (!article || !builtIn || !offer || offer.running) return;
    setOffer({ ...offer, running: true, error: null });
    const points = local.status === 'ready' ? Math.max(3, local.sentences.length) : 3;
    builtIn
      .summarize(article.text, article.lang, points, (progress) => setOffer((o) => o && { ...o, progress }))
      .then(
        (lines) => {
          setChosen({
            status: 'ready',
            method: 'built-in',
            sentences: lines.map((text) => ({ text, paragraph: null })),
          });
          setOffer((o) => o && { ...o, running: false });
        },
        (error: unknown) =>
          setOffer((o) => o && { ...o, running: false, error: error instanceof Error ? error.message : String(error) }),
      );
  };

  return { summary: chosen ?? local, offer, useBuiltIn };
}
