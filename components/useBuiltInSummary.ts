import { useEffect, useState } from 'preact/hooks';
import type { Article } from '../core/reader/index.ts';
import type { BuiltInSummarizer, SummaryState } from './useSummary.ts';
import { errorMessage } from '../core/util/index.ts';

/** Chrome's built-in summarizer, when the browser offers it for the article's language. */
export interface BuiltInOffer {
  availability: 'downloadable' | 'downloading' | 'available';
  /** Download progress (0 to 1) while the model downloads after the reader's click. */
  progress: number | null;
  running: boolean;
  error: string | null;
}

// Loaded with the summary area (components/SummarySection.tsx), not with the popup.
/**
 * The browser's built-in summary as an offer, where it can summarize the article's language; choosing it (a
 * click) may start the model download. Until then, and if it fails, the local summary stays.
 */
export function useBuiltInSummary(article: Article | null, local: SummaryState, builtIn?: BuiltInSummarizer) {
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
        (error: unknown) => setOffer((o) => o && { ...o, running: false, error: errorMessage(error) }),
      );
  };

  return { summary: chosen ?? local, offer, useBuiltIn };
}
