// @vitest-environment jsdom
// The import preview and result with highlights: how many the file brings, those that name no article (listed
// with their quote among the skipped rows), and how many the import added.
import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { ImportExportView, type ImportState } from '../../../components/ImportExportView.tsx';
import { useRoot } from '../../support/preact.ts';
import { localized, t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);

const view = (importState: ImportState, lang?: 'en' | 'fr') =>
  h(ImportExportView, {
    t: lang ? localized(lang) : t,
    locale: lang ?? 'en',
    importState,
    onPickFile: () => undefined,
    onImport: () => undefined,
    onExport: () => undefined,
    exportError: null,
    exportLeftOut: 0,
  });

describe('the import screen with highlights', () => {
  it('says how many highlights come, and lists those that name no article with their quote', async () => {
    await mount(
      view({
        kind: 'preview',
        fileName: 'readwise.csv',
        format: 'readwise-csv',
        count: 2,
        highlights: 4,
        rejected: [
          { line: 6, reason: 'a highlight that names no article address (A Paper Book)', highlight: 'A line' },
          { line: 7, reason: 'a quoted field is never closed' },
        ],
      }),
    );
    expect($('.import-highlights')?.textContent).toBe('importPreviewHighlights:4');
    expect($('.import-unattached')?.textContent).toBe('importUnattached_one:1');
    expect($('.import-rejected-quote')?.textContent).toBe('A line');
  });

  it('says nothing of highlights when the file has none, and how many were added when done', async () => {
    await mount(
      view({ kind: 'preview', fileName: 'pocket.zip', format: 'pocket-zip', count: 2, highlights: 0, rejected: [] }),
    );
    expect($('.import-highlights')).toBeNull();
    expect($('.import-unattached')).toBeNull();
    await mount(view({ kind: 'done', summary: { added: 2, updated: 0, unchanged: 0, failed: [], highlights: 3 } }));
    expect($('.import-done')?.textContent).toBe('importDone:2,0,0 importDoneHighlights:3');
  });

  it.each([
    ['en', 1, '1 article found in one.csv (pocket-csv).', 'Import 1 article', '1 row skipped'],
    ['en', 0, '0 articles found in one.csv (pocket-csv).', 'Import 0 articles', '2 rows skipped'],
    ['fr', 0, '0 article trouvé dans one.csv (pocket-csv).', 'Importer 0 article', '2 lignes ignorées'],
    [
      'fr',
      1234,
      '1\u202f234 articles trouvés dans one.csv (pocket-csv).',
      'Importer 1\u202f234 articles',
      '2 lignes ignorées',
    ],
  ] as const)('counts in %s: %i articles read in the right form', async (lang, count, preview, go, skipped) => {
    const rejected = [{ line: 2, reason: 'x' }, ...(count === 1 ? [] : [{ line: 3, reason: 'y' }])];
    await mount(view({ kind: 'preview', fileName: 'one.csv', format: 'pocket-csv', count, rejected }, lang));
    expect($('.import-preview p')?.textContent).toBe(preview);
    expect($('.import-go')?.textContent).toBe(go);
    expect($('.import-preview summary')?.textContent).toBe(skipped);
  });
});
