// npm run -s import-preview -- FILE
// Reads an export from Pocket, Instapaper, Omnivore, wallabag, a browser's bookmarks or Clear Reader itself with
// the extension's own parsers, and prints one JSON object per line: each item it would import with its
// highlights, then each row it would skip ({"rejected": true, "line": N, "reason": "..."}, with the quote of a
// highlight left out). Nothing is imported.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMPORT_FORMATS, ImportFormatError, importedHighlightsOf, parseImport } from '../core/reading-list/index.ts';

const USAGE = `Usage: npm run -s import-preview -- FILE

Prints what importing FILE would add to the reading list, one JSON object per line:
  {"url", "title", "tags", "state", "favourite", "addedAt", "highlights": [{"quote", "note", "color", "createdAt"}]}
      for each item (duplicates merged)
  {"rejected": true, "line": N, "reason": "...", "highlight"?: "quote"}
      for each row that would be skipped (with the quote of a highlight that would not be imported)
Formats: ${IMPORT_FORMATS.map((format) => format.name).join(', ')}.
Exits with 1 when the file cannot be read or is in no known format.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = argv[0]!;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  let result;
  try {
    result = parseImport(bytes, { fileName: basename(file) });
  } catch (error) {
    if (error instanceof ImportFormatError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const lines: string[] = [];
  for (const item of result.items) {
    const { url, title, tags, state, favourite } = item;
    const addedAt = new Date(item.addedAt).toISOString();
    const extra = item.progress === undefined ? {} : { progress: item.progress };
    const highlights = importedHighlightsOf(item).map(({ quote, note, color, createdAt }) => ({
      quote,
      note,
      color,
      createdAt: new Date(createdAt).toISOString(),
    }));
    lines.push(JSON.stringify({ url, title, tags, state, favourite, addedAt, ...extra, highlights }));
  }
  for (const row of result.rejected) {
    lines.push(
      JSON.stringify({
        rejected: true,
        line: row.line,
        reason: row.reason,
        ...(row.file ? { file: row.file } : {}),
        ...(row.highlight === undefined ? {} : { highlight: row.highlight }),
      }),
    );
  }
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  const highlights = result.items.reduce((n, item) => n + importedHighlightsOf(item).length, 0);
  console.error(
    `${result.format}: ${result.items.length} items, ${highlights} highlights, ${result.rejected.length} rejected`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
