// The engine's public surface: what the extension, CLI and benchmarks import.
export { extractArticle, failure, DEFAULT_MAX_ELEMENTS } from './extract.ts';
export type {
  Article,
  ExtractFailure,
  ExtractFailureReason,
  ExtractOptions,
  ExtractResult,
  RemovedBlock,
} from './types.ts';
export { RULES } from './cleanup/rules/index.ts';
export type { CleanupRule } from './cleanup/rule.ts';
export { sanitizeHtml, sanitizeInPlace } from './sanitize.ts';
export { toPlainText, countWords, readingTimeMinutes } from './text.ts';
export { splitSentences, splitSentencesByParagraph, splitParagraphs } from './sentences.ts';
export type { SentenceSpan } from './sentences.ts';
export { summarize, summaryLength, MIN_SUMMARY_WORDS, findPublisherSummary, findSummaryBox } from './summary/index.ts';
export type { PublisherSources, Summary, SummaryInput, SummaryOptions, SummarySentence } from './summary/index.ts';
