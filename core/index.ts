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
