// The import formats parseImport knows, one file per service. To add one: a file here exporting a format made
// with defineImportFormat (import-format.ts), listed below, with fixtures in tests/fixtures-transfer/ and the
// service named in the user docs' import section (tests/unit/reading-list/import-formats.test.ts checks all three).
import { bookmarksHtml } from './bookmarks.ts';
import { clearReaderJson } from './clear-reader.ts';
import { instapaperCsv } from './instapaper.ts';
import { omnivoreJson, omnivoreZip } from './omnivore.ts';
import { pocketCsv, pocketHtml, pocketZip } from './pocket.ts';
import { readwiseCsv } from './readwise.ts';
import { wallabagJson } from './wallabag.ts';

/**
 * Every import format, in the order detection asks them: the first certain match wins (so wallabag comes before
 * Omnivore, whose keys a wallabag entry might also have), else the first likely one.
 */
export const IMPORT_FORMATS = [
  pocketZip,
  pocketCsv,
  pocketHtml,
  instapaperCsv,
  readwiseCsv,
  omnivoreZip,
  wallabagJson,
  omnivoreJson,
  bookmarksHtml,
  clearReaderJson,
] as const;

/** A format's id: 'pocket-zip', 'instapaper-csv', … */
export type ImportFormat = (typeof IMPORT_FORMATS)[number]['id'];
