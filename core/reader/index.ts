// The reader domain's public surface: extraction, cleanup, sanitizing, text, sentences, summary and reader
// settings. Code outside core/reader imports from here only (eslint.config.js enforces it).
export { extractArticle, extractPageArticle, failure, DEFAULT_MAX_ELEMENTS } from './extract.ts';
export { finishArticle } from './finish-article.ts';
export type {
  Article,
  ExtractFailure,
  ExtractFailureReason,
  ExtractOptions,
  ExtractResult,
  PageArticle,
  PageExtractResult,
  RemovedBlock,
} from './types.ts';
export { RULES } from './cleanup/rules/index.ts';
export type { CleanupRule } from './cleanup/rule.ts';
export { sanitizeHtml, sanitizeInPlace } from './sanitize.ts';
export { htmlToMarkdown } from './markdown.ts';
export { toPlainText, countWords, readingTimeMinutes, segmenter } from './text.ts';
export { splitSentences, splitSentencesByParagraph, splitParagraphs, type SentenceSpan } from './sentences.ts';
export {
  summarize,
  summaryLength,
  MIN_SUMMARY_WORDS,
  type Summary,
  type SummaryInput,
  type SummaryOptions,
  type SummarySentence,
} from './summary/summarize.ts';
export { contentWords, fold, stopWords } from './summary/words.ts';
export { findPublisherSummary, findSummaryBox, type PublisherSources } from './summary/publisher.ts';
export {
  DEFAULT_SETTINGS,
  FONTS,
  THEMES,
  RANGES,
  normalizeSettings,
  settingsToStore,
  stepSetting,
  type Font,
  type Theme,
  type Range,
  type ReaderSettings,
  type SettingsStore,
} from './settings.ts';
export {
  createListenController,
  EVENT_LOG_SIZE,
  KEEP_ALIVE_MS,
  MAX_UTTERANCE_CHARS,
  pickVoice,
  planUtterances,
  MAX_RATE,
  MIN_RATE,
  type ListenController,
  type ListenPlace,
  type ListenState,
  type ListenStatus,
  type SpeechEngine,
  type SpeechRequest,
  type Utterance,
  type VoiceInfo,
} from './listen/index.ts';
export { learnSiteRule, leadingLabel, type LearnInput } from './site-rules/learn.ts';
export { parseSiteRule, siteOf, siteOfHost, rulesForSite, SITE_RULE_PREFIX } from './site-rules/site-rule.ts';
export { articleBlocks, isStableName, RECORD_PROVENANCE, type ProvenanceRecorder } from './site-rules/provenance.ts';
export { MAX_REMOVED_SHARE } from './site-rules/safety.ts';
export type {
  BlockProvenance,
  BlockSource,
  RefusedRule,
  SiteRule,
  TextCondition,
  TextShape,
} from './site-rules/types.ts';
export { documentFromSnapshot, noscriptAsText, type PageSnapshot } from './snapshot.ts';
