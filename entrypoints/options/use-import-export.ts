// The import and export screen's state, wired to platform/transfer.ts.
import { useState } from 'preact/hooks';
import type { ImportExportViewProps, ImportState } from '../../components/ImportExportView.tsx';
import { importedHighlightsOf, type ImportedItem, type SiteRuleRecord } from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';
import { exportReadingList, importItems, importSiteRules, readImportFile } from '../../platform/transfer.ts';

export function useImportExport(): Omit<ImportExportViewProps, 't' | 'locale'> {
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [parsed, setParsed] = useState<ImportedItem[]>([]);
  const [parsedRules, setParsedRules] = useState<SiteRuleRecord[]>([]);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportLeftOut, setExportLeftOut] = useState(0);
  // ImportFormatError and the other failures say in plain words why.
  const importFailed = (error: unknown) => setImportState({ kind: 'error', message: errorMessage(error) });

  return {
    importState,
    exportError,
    exportLeftOut,
    onPickFile: (file) =>
      void readImportFile(file).then((result) => {
        setParsed(result.items);
        setParsedRules(result.siteRules);
        setImportState({
          kind: 'preview',
          fileName: file.name,
          format: result.format,
          count: result.items.length,
          rejected: result.rejected,
          siteRules: result.siteRules.length,
          highlights: result.items.reduce((sum, item) => sum + importedHighlightsOf(item).length, 0),
        });
      }, importFailed),
    onImport: () =>
      void (async () => {
        const summary = await importItems(parsed, (done, total) => setImportState({ kind: 'importing', done, total }));
        const siteRules = parsedRules.length ? await importSiteRules(parsedRules) : undefined;
        setImportState({ kind: 'done', summary, siteRules });
      })().catch(importFailed),
    onExport: (kind) => {
      setExportError(null);
      setExportLeftOut(0);
      void exportReadingList(kind).then(
        ({ leftOut }) => setExportLeftOut(leftOut),
        (error: unknown) => setExportError(errorMessage(error)),
      );
    },
  };
}
