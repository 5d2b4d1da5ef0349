import type { ExportKind, ImportSummary, RejectedRow } from '../core/reading-list/index.ts';
import { plural, type Translate } from '../contracts/i18n.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';

export type ImportState =
  | { kind: 'idle' }
  | {
      kind: 'preview';
      fileName: string;
      format: string;
      count: number;
      rejected: RejectedRow[];
      siteRules?: number;
      /** Highlights the items bring (0 when the format has none). */
      highlights?: number;
    }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; summary: ImportSummary; siteRules?: number }
  | { kind: 'error'; message: string };

export interface ImportExportViewProps {
  t: Translate;
  /** The interface's language, for counts ("1 234"). */
  locale: string;
  importState: ImportState;
  onPickFile: (file: File) => void;
  onImport: () => void;
  onExport: (kind: ExportKind) => void;
  /** Why the last export failed, in plain words; null when it did not. */
  exportError: string | null;
  /** Offline copies the last export could not read and left out. */
  exportLeftOut: number;
}

/** The options page's import and export screen: a file to import, its preview and progress, the exports. */
export function ImportExportView(props: ImportExportViewProps) {
  const { t, importState } = props;
  const n = (value: number) => localeFormat(props.locale).integer(value);
  const unattached =
    importState.kind === 'preview' ? importState.rejected.filter((row) => row.highlight !== undefined).length : 0;
  return (
    <>
      <section class="import" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('importHeading')}</h2>
        <p class="hint">{t('importIntro')}</p>
        <input
          type="file"
          name="import-file"
          accept=".zip,.csv,.json,.html,.htm"
          aria-label={t('importHeading')}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) props.onPickFile(file);
          }}
        />
        {importState.kind === 'preview' && (
          <div class="import-preview" role="status">
            <p>
              {plural(t, props.locale, 'importPreview', importState.count, importState.fileName, importState.format)}
            </p>
            {!!importState.siteRules && (
              <p class="import-site-rules">{plural(t, props.locale, 'importSiteRules', importState.siteRules)}</p>
            )}
            {(importState.highlights ?? 0) > 0 && (
              <p class="import-highlights">
                {plural(t, props.locale, 'importPreviewHighlights', importState.highlights!)}
              </p>
            )}
            {unattached > 0 && (
              <p class="import-unattached">{plural(t, props.locale, 'importUnattached', unattached)}</p>
            )}
            {importState.rejected.length > 0 && (
              <details>
                <summary>{plural(t, props.locale, 'importRejected', importState.rejected.length)}</summary>
                <ul>
                  {importState.rejected.slice(0, 50).map((row, i) => (
                    <li key={i}>
                      {row.file
                        ? t('importRejectedRowInFile', [row.file, n(row.line), row.reason])
                        : t('importRejectedRow', [n(row.line), row.reason])}
                      {row.highlight && (
                        <>
                          {' '}
                          <q class="import-rejected-quote">{row.highlight}</q>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <button
              type="button"
              class="import-go"
              disabled={importState.count === 0 && !importState.siteRules}
              onClick={props.onImport}
            >
              {plural(t, props.locale, 'importGo', importState.count)}
            </button>
          </div>
        )}
        {importState.kind === 'importing' && (
          <p role="status">
            <progress value={importState.done} max={importState.total} />{' '}
            {t('importProgress', [n(importState.done), n(importState.total)])}
          </p>
        )}
        {importState.kind === 'done' && (
          <p class="import-done" role="status">
            {t('importDone', [
              n(importState.summary.added),
              n(importState.summary.updated),
              n(importState.summary.failed.length),
            ])}
            {importState.siteRules !== undefined && <> {t('importSiteRulesDone', [n(importState.siteRules)])}</>}
            {importState.summary.highlights > 0 && ` ${t('importDoneHighlights', [n(importState.summary.highlights)])}`}
          </p>
        )}
        {importState.kind === 'error' && (
          <p class="error" role="alert">
            {importState.message}
          </p>
        )}
      </section>

      <section class="export" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('exportHeading')}</h2>
        <div class="buttons">
          <button type="button" class="export-json" onClick={() => props.onExport('json')}>
            {t('exportJson')}
          </button>
          <button type="button" class="export-bookmarks" onClick={() => props.onExport('bookmarks')}>
            {t('exportBookmarks')}
          </button>
          <button type="button" class="export-zip" onClick={() => props.onExport('zip')}>
            {t('exportZip')}
          </button>
          <button type="button" class="export-zip-markdown" onClick={() => props.onExport('zip-markdown')}>
            {t('exportZipMarkdown')}
          </button>
        </div>
        {props.exportLeftOut > 0 && (
          <p class="error" role="alert">
            {plural(t, props.locale, 'exportLeftOut', props.exportLeftOut)}
          </p>
        )}
        {props.exportError && (
          <p class="error" role="alert">
            {t('exportFailed', [describeError(t, props.exportError)])}
          </p>
        )}
      </section>
    </>
  );
}
