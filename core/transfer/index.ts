// Import from other read-later services and bookmarks, and export: framework-free (bytes and strings in and out).
export {
  ImportFormatError,
  type ImportFormat,
  type ImportResult,
  type ImportedItem,
  type RejectedRow,
} from './types.ts';
export { decodeText, normalizeTags, parseDate, parseImport, type ParseOptions } from './import.ts';
export { importInto, type ImportProgress, type ImportSummary } from './apply.ts';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  EXPORT_CSP,
  exportBookmarks,
  exportJson,
  exportOfflineZip,
  safeFileName,
  type JsonExport,
  type OfflineCopy,
  type OfflineZipOptions,
} from './export.ts';
export { parseCsv, type CsvRecord } from './csv.ts';
