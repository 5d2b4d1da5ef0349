// @vitest-environment jsdom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { useLocalSummary, type BuiltInSummarizer } from '../../../components/useSummary.ts';
import { useBuiltInSummary } from '../../../components/useBuiltInSummary.ts';
import { useRoot } from '../../support/preact.ts';
import { sampleArticle } from '../../support/article.ts';

const PARAGRAPHS = [
  'The city council approved a budget of 2.1 billion dollars on Tuesday night after a six-hour debate.',
  'Schools receive the largest increase, with 140 million dollars more than last year for teachers and buildings.',
  'The mayor said the budget keeps property taxes flat for the third year in a row.',
  'Opposition members argued that the spending on roads was too low and that potholes would get worse.',
  'The transit agency will run more buses at night on the busiest lines from January.',
  'Libraries will open on Sundays again, a year after the cuts that closed them.',
  'The council will vote on the police budget separately next month.',
];
const ARTICLE = sampleArticle({
  url: 'https://news.example/budget',
  title: 'Council passes city budget',
  byline: null,
  siteName: null,
  dir: null,
  publishedTime: null,
  contentHtml: PARAGRAPHS.map((p) => `<p>${p}</p>`).join(''),
  text: PARAGRAPHS.join('\n\n'),
  wordCount: 130,
  readingTimeMinutes: 1,
});

const { rerender } = useRoot();
let latest: ReturnType<typeof useBuiltInSummary>;

/** The popup's arrangement: the local summary, and the built-in one offered over it. */
function Probe({ article, builtIn }: { article: Article | null; builtIn?: BuiltInSummarizer }) {
  latest = useBuiltInSummary(article, useLocalSummary(article), builtIn);
  return null;
}

/** Renders the hooks, and waits for the local summary and for the browser's answer about its own summarizer. */
async function mount(article: Article | null, builtIn?: BuiltInSummarizer) {
  let answered: Promise<unknown> = Promise.resolve();
  const watched = builtIn && {
    ...builtIn,
    availability: (lang: string) => (answered = builtIn.availability(lang)),
  };
  await rerender(h(Probe, { article, builtIn: watched }));
  await vi.dynamicImportSettled();
  if (article) await vi.waitFor(() => expect(latest.summary.status).not.toBe('loading'));
  await act(async () => {
    await answered.catch(() => undefined);
  });
}

describe('useLocalSummary and useBuiltInSummary', () => {
  it('gives the on-device summary: sentences of the article with their paragraph', async () => {
    await mount({ ...ARTICLE });
    const { summary } = latest;
    expect(summary.status).toBe('ready');
    if (summary.status !== 'ready') return;
    expect(summary.method).toBe('local');
    expect(summary.sentences.length).toBeGreaterThanOrEqual(2);
    for (const sentence of summary.sentences) {
      expect(PARAGRAPHS[sentence.paragraph!]).toContain(sentence.text);
    }
    expect(latest.offer).toBeNull();
  });

  it('says there is nothing to summarize in a very short article', async () => {
    await mount({ ...ARTICLE, text: PARAGRAPHS[0]!, wordCount: 18 });
    expect(latest.summary).toEqual({ status: 'none' });
  });

  it('offers the built-in summarizer only where it says it can, and uses it on request', async () => {
    let report: (fraction: number) => void = () => undefined;
    let finish: (lines: string[]) => void = () => undefined;
    const availability = vi.fn(() => Promise.resolve('downloadable' as const));
    const summarize = vi.fn((_text: string, _lang: string, _points: number, onDownload: (f: number) => void) => {
      report = onDownload;
      return new Promise<string[]>((resolve) => (finish = resolve));
    });
    await mount({ ...ARTICLE }, { availability, summarize });
    expect(availability).toHaveBeenCalledWith('en');
    expect(latest.offer).toEqual({ availability: 'downloadable', progress: null, running: false, error: null });
    expect(summarize).not.toHaveBeenCalled(); // no download until the reader asks

    await act(() => latest.useBuiltIn());
    expect(latest.offer?.running).toBe(true);
    await act(() => report(0.5));
    expect(latest.offer?.progress).toBe(0.5);
    await act(() => finish(['Budget passed.', 'Schools get more.']));
    await vi.waitFor(() => expect(latest.summary).toMatchObject({ method: 'built-in' }));
    expect(latest.summary).toEqual({
      status: 'ready',
      method: 'built-in',
      sentences: [
        { text: 'Budget passed.', paragraph: null },
        { text: 'Schools get more.', paragraph: null },
      ],
    });
  });

  it('keeps the local summary and shows the error when the built-in one fails', async () => {
    const builtIn: BuiltInSummarizer = {
      availability: () => Promise.resolve('available'),
      summarize: () => Promise.reject(new Error('model crashed')),
    };
    await mount({ ...ARTICLE }, builtIn);
    await act(() => latest.useBuiltIn());
    await vi.waitFor(() => expect(latest.offer).toMatchObject({ running: false, error: 'model crashed' }));
    expect(latest.summary).toMatchObject({ status: 'ready', method: 'local' });
  });

  it('makes no offer when the browser cannot summarize (Firefox, or the language)', async () => {
    await mount({ ...ARTICLE }, { availability: () => Promise.resolve('unavailable'), summarize: vi.fn() });
    expect(latest.offer).toBeNull();
  });
});
