// Helpers both core domains use; imports nothing.
export { errorMessage, toError } from './errors.ts';
export { runWithDeadline } from './deadline.ts';
export { interfaceLocale, localeFormat, type LocaleFormat } from './locale-format.ts';
export { shortcutText, type ShortcutStyle } from './shortcut-text.ts';
export { errorReason, type ErrorReason } from './error-reason.ts';
export { truncate } from './truncate.ts';
