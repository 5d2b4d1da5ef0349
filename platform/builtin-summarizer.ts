// Chrome's built-in Summarizer API (Gemini Nano, Chrome 138+), where the browser says it can summarize the
// article's language. The model download starts only from the reader's click; Firefox has no such API.

export type BuiltInAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

interface SummarizerOptions {
  type: 'key-points';
  format: 'plain-text';
  length: 'short' | 'medium' | 'long';
  expectedInputLanguages: string[];
  outputLanguage: string;
  monitor?: (monitor: EventTarget) => void;
}

interface SummarizerApi {
  availability(options: SummarizerOptions): Promise<BuiltInAvailability>;
  create(options: SummarizerOptions): Promise<{ summarize(text: string): Promise<string>; destroy(): void }>;
}

const api = (): SummarizerApi | null => (globalThis as { Summarizer?: SummarizerApi }).Summarizer ?? null;

function options(lang: string, length: number): SummarizerOptions {
  const language = (lang || 'en').split('-')[0]!;
  return {
    type: 'key-points',
    format: 'plain-text',
    length: length <= 3 ? 'short' : length <= 5 ? 'medium' : 'long',
    expectedInputLanguages: [language],
    outputLanguage: language,
  };
}

/** What the browser says about summarizing this language; 'unavailable' when it has no such API. */
export async function builtInAvailability(lang: string): Promise<BuiltInAvailability> {
  const summarizerApi = api();
  if (!summarizerApi) return 'unavailable';
  try {
    return await summarizerApi.availability(options(lang, 3));
  } catch {
    return 'unavailable'; // e.g. a language the model does not take
  }
}

/** Key points by the built-in model (downloading it first if needed: call from a click). */
export async function summarizeBuiltIn(
  text: string,
  lang: string,
  points: number,
  onDownload: (fraction: number) => void,
): Promise<string[]> {
  const summarizerApi = api();
  if (!summarizerApi) throw new Error('this browser has no built-in summarizer');
  const summarizer = await summarizerApi.create({
    ...options(lang, points),
    monitor(monitor) {
      monitor.addEventListener('downloadprogress', (event) => onDownload((event as ProgressEvent).loaded));
    },
  });
  try {
    const output = await summarizer.summarize(text);
    return output
      .split('\n')
      .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
      .filter(Boolean);
  } finally {
    summarizer.destroy();
  }
}

/** Both, as the reader views take them (components/useSummary.ts `BuiltInSummarizer`). */
export const builtInSummarizer = { availability: builtInAvailability, summarize: summarizeBuiltIn };
