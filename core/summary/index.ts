export { summarize, summaryLength, MIN_SUMMARY_WORDS } from './summarize.ts';
export type { Summary, SummaryInput, SummaryOptions, SummarySentence } from './summarize.ts';
export { contentWords, fold, stopWords } from './words.ts';
export { findPublisherSummary, findSummaryBox } from './publisher.ts';
export type { PublisherSources } from './publisher.ts';
