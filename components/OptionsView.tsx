import type { RejectedRow, ImportSummary } from '../core/reading-list/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import type { WebDavSettings, WebDavStatus } from '../contracts/webdav.ts';

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'preview'; fileName: string; format: string; count: number; rejected: RejectedRow[] }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'error'; message: string };

export type ExportKind = 'json' | 'bookmarks' | 'zip' | 'zip-markdown';

export interface OptionsViewProps {
  t: Translate;
  locale: string;
  webdav: WebDavSettings;
  /** The stored WebDAV settings could not be read in full (what could is shown; sync is off until saved). */
  webdavUnreadable?: boolean;
  status: WebDavStatus;
  /** The last "Test connection" outcome, in plain words. */
  testResult: { ok: boolean; message: string } | null;
  busy: boolean;
  onWebDavChange: (settings: WebDavSettings) => void;
  onWebDavSave: () => void;
  onWebDavTest: () => void;
  onSyncNow: () => void;
  importState: ImportState;
  onPickFile: (file: File) => void;
  onImport: () => void;
  onExport: (kind: ExportKind) => void;
  /** Why the last export failed, in plain words; null when it did not. */
  exportError: string | null;
  /** Offline copies the last export could not read and left out. */
  exportLeftOut: number;
}

/** The options page: sync through the reader's WebDAV server, import and export. Presentational. */
export function OptionsView(props: OptionsViewProps) {
  const { t, webdav, status, importState } = props;
  const field = (
    key: keyof Omit<WebDavSettings, 'enabled' | 'syncArticles'>,
    label: string,
    kind: 'text' | 'url' | 'password' = 'text',
  ) => {
    const common = {
      name: key,
      value: webdav[key],
      onInput: (event: { currentTarget: HTMLInputElement }) =>
        props.onWebDavChange({ ...webdav, [key]: event.currentTarget.value }),
    };
    return (
      <label class="field">
        <span>{label}</span>
        {kind === 'password' ? (
          <input type="password" autoComplete="off" {...common} />
        ) : (
          <input type="text" inputMode={kind === 'url' ? 'url' : undefined} spellcheck={false} {...common} />
        )}
      </label>
    );
  };
  const date = new Intl.DateTimeFormat(props.locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <main class="reader view options" data-theme="auto" data-font="system">
      <h1>{t('extName')}</h1>

      <section class="webdav" aria-labelledby="webdav-heading">
        <h2 id="webdav-heading">{t('webdavHeading')}</h2>
        <p class="hint">{t('webdavIntro')}</p>
        {props.webdavUnreadable && (
          <p class="notice webdav-unreadable" role="status">
            {t('webdavSettingsUnreadable')}
          </p>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onWebDavSave();
          }}
        >
          <label class="field checkbox">
            <input
              type="checkbox"
              name="enabled"
              checked={webdav.enabled}
              onChange={(event) => props.onWebDavChange({ ...webdav, enabled: event.currentTarget.checked })}
            />
            <span>{t('webdavEnabled')}</span>
          </label>
          {field('baseUrl', t('webdavUrl'), 'url')}
          {field('user', t('webdavUser'))}
          {field('password', t('webdavPassword'), 'password')}
          {field('folder', t('webdavFolder'))}
          {field('passphrase', t('webdavPassphrase'), 'password')}
          <p class="hint">{t('webdavPassphraseHint')}</p>
          <label class="field checkbox">
            <input
              type="checkbox"
              name="syncArticles"
              checked={webdav.syncArticles === true}
              onChange={(event) => props.onWebDavChange({ ...webdav, syncArticles: event.currentTarget.checked })}
            />
            <span>{t('webdavSyncArticles')}</span>
          </label>
          <p class="hint">{t('webdavSyncArticlesHint')}</p>
          <div class="buttons">
            <button type="submit" class="webdav-save" disabled={props.busy}>
              {t('webdavSave')}
            </button>
            <button type="button" class="webdav-test" disabled={props.busy} onClick={props.onWebDavTest}>
              {t('webdavTest')}
            </button>
            <button
              type="button"
              class="webdav-sync"
              disabled={props.busy || !webdav.enabled}
              onClick={props.onSyncNow}
            >
              {t('webdavSyncNow')}
            </button>
          </div>
        </form>
        {props.testResult && (
          <p class={props.testResult.ok ? 'result ok' : 'result error'} role="status">
            {props.testResult.message}
          </p>
        )}
        <p
          class="sync-status"
          role="status"
          data-last-sync={status.lastSyncAt ?? undefined}
          data-failed={!!status.lastError}
        >
          {status.lastSyncAt ? t('webdavLastSync', [date.format(status.lastSyncAt)]) : t('webdavNeverSynced')}
          {status.lastError && <span class="error"> {t('webdavLastError', [status.lastError])}</span>}
        </p>
        {status.problems.length > 0 && (
          <ul class="problems">
            {status.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </section>

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
            <p>{t('importPreview', [String(importState.count), importState.fileName, importState.format])}</p>
            {importState.rejected.length > 0 && (
              <details>
                <summary>{t('importRejected', [String(importState.rejected.length)])}</summary>
                <ul>
                  {importState.rejected.slice(0, 50).map((row, i) => (
                    <li key={i}>
                      {row.file ? `${row.file}, ` : ''}
                      {t('importLine', [String(row.line)])}: {row.reason}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <button type="button" class="import-go" disabled={importState.count === 0} onClick={props.onImport}>
              {t('importGo', [String(importState.count)])}
            </button>
          </div>
        )}
        {importState.kind === 'importing' && (
          <p role="status">
            <progress value={importState.done} max={importState.total} />{' '}
            {t('importProgress', [String(importState.done), String(importState.total)])}
          </p>
        )}
        {importState.kind === 'done' && (
          <p class="import-done" role="status">
            {t('importDone', [
              String(importState.summary.added),
              String(importState.summary.updated),
              String(importState.summary.failed.length),
            ])}
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
            {t('exportLeftOut', [String(props.exportLeftOut)])}
          </p>
        )}
        {props.exportError && (
          <p class="error" role="alert">
            {t('exportFailed', [props.exportError])}
          </p>
        )}
      </section>
    </main>
  );
}
