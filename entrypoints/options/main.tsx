import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  exportBookmarks,
  exportJson,
  exportOfflineZip,
  parseImport,
  type ImportSummary,
  type ImportedItem,
} from '../../core/reading-list/index.ts';
import { OptionsView, type ExportKind, type ImportState } from '../../components/OptionsView.tsx';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { getOfflineArticle } from '../../platform/offline-store.ts';
import { sanitizeHtml } from '../../core/reader/index.ts';
import { webDavSettingsDamaged, webDavSettingsItem, webDavStatusItem } from '../../platform/storage.ts';
import type { WebDavSettings, WebDavStatus } from '../../contracts/webdav.ts';
import { originPattern, requestOrigin } from '../../platform/webdav-sync.ts';
import '../../components/reader.css';
import './style.css';
import { errorMessage } from '../../core/util/index.ts';

/** Items per message to the background: progress shows, and no message is huge. */
const IMPORT_CHUNK = 500;

function download(data: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const stamp = () => new Date().toISOString().slice(0, 10);

function App() {
  const [webdav, setWebdav] = useState<WebDavSettings>(webDavSettingsItem.fallback);
  const [status, setStatus] = useState<WebDavStatus>(webDavStatusItem.fallback);
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportLeftOut, setExportLeftOut] = useState(0);
  const [parsed, setParsed] = useState<ImportedItem[]>([]);

  const [webdavUnreadable, setWebdavUnreadable] = useState(false);

  useEffect(() => {
    void webDavSettingsItem.getValue().then(setWebdav);
    void webDavSettingsDamaged().then(setWebdavUnreadable, () => undefined);
    void webDavStatusItem.getValue().then(setStatus);
    return webDavStatusItem.watch(setStatus);
  }, []);

  /** Asks for the server's origin, in the click itself (browsers require the user's gesture for it). */
  const askOrigin = (): Promise<boolean> => {
    const origin = originPattern(webdav.baseUrl);
    if (!origin) {
      setTestResult({ ok: false, message: t('webdavBadUrl') });
      return Promise.resolve(false);
    }
    return requestOrigin(origin).then((granted) => {
      if (!granted) setTestResult({ ok: false, message: t('webdavPermissionDenied') });
      return granted;
    });
  };

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      setTestResult({ ok: false, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const onImport = () =>
    void (async () => {
      const total = parsed.length;
      const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
      try {
        for (let done = 0; done < total; done += IMPORT_CHUNK) {
          setImportState({ kind: 'importing', done, total });
          const part = await sendMessage('importItems', { items: parsed.slice(done, done + IMPORT_CHUNK) });
          summary.added += part.added;
          summary.updated += part.updated;
          summary.unchanged += part.unchanged;
          summary.failed.push(...part.failed);
        }
        setImportState({ kind: 'done', summary });
      } catch (error) {
        setImportState({ kind: 'error', message: errorMessage(error) });
      }
    })();

  const onExport = (kind: ExportKind) =>
    void (async () => {
      setExportError(null);
      setExportLeftOut(0);
      const { items } = await sendMessage('listItems', undefined);
      if (kind === 'json') download(exportJson(items), 'application/json', `clear-reader-${stamp()}.json`);
      else if (kind === 'bookmarks') download(exportBookmarks(items), 'text/html', `clear-reader-${stamp()}.html`);
      else {
        const copies = [];
        let leftOut = 0;
        let lastFailure: unknown = null;
        for (const item of items) {
          let copy;
          try {
            copy = await getOfflineArticle(item.id);
          } catch (failure) {
            // One unreadable copy does not stop the others; the page says how many were left out.
            leftOut++;
            lastFailure = failure;
            continue;
          }
          // Sanitized again: a copy may have come from the sync server, and the files open outside the extension.
          if (copy) {
            const contentHtml = sanitizeHtml(copy.article.contentHtml, document);
            copies.push({ id: item.id, title: item.title, url: item.url, contentHtml });
          }
        }
        if (leftOut > 0 && copies.length === 0) throw lastFailure;
        setExportLeftOut(leftOut);
        const zip =
          kind === 'zip'
            ? exportOfflineZip(copies, { format: 'html' })
            : exportOfflineZip(copies, {
                format: 'markdown',
                // Loaded on this click only: the options page does not carry the converter otherwise.
                toMarkdown: (await import('../../core/reader/markdown.ts')).htmlToMarkdown,
              });
        download(new Uint8Array(zip), 'application/zip', `clear-reader-${stamp()}.zip`);
      }
    })().catch((error: unknown) => setExportError(errorMessage(error)));

  return (
    <OptionsView
      t={t}
      locale={uiLanguage()}
      webdav={webdav}
      webdavUnreadable={webdavUnreadable}
      status={status}
      testResult={testResult}
      busy={busy}
      onWebDavChange={setWebdav}
      onWebDavSave={() => {
        const granted = webdav.enabled ? askOrigin() : Promise.resolve(true);
        void run(async () => {
          await webDavSettingsItem.setValue({ ...webdav, enabled: webdav.enabled && (await granted) });
          setWebdavUnreadable(false);
          if (webdav.enabled && (await granted)) setStatus(await sendMessage('webdavSyncNow', undefined));
        });
      }}
      onWebDavTest={() => {
        const granted = askOrigin();
        void run(async () => {
          if (!(await granted)) return;
          setTestResult(await sendMessage('webdavTest', webdav));
        });
      }}
      onSyncNow={() => void run(async () => setStatus(await sendMessage('webdavSyncNow', undefined)))}
      importState={importState}
      onPickFile={(file) =>
        void file.arrayBuffer().then(
          (buffer) => {
            try {
              const result = parseImport(new Uint8Array(buffer), { fileName: file.name });
              setParsed(result.items);
              setImportState({
                kind: 'preview',
                fileName: file.name,
                format: result.format,
                count: result.items.length,
                rejected: result.rejected,
              });
            } catch (error) {
              // ImportFormatError says in plain words why the file is not one we read.
              setImportState({ kind: 'error', message: errorMessage(error) });
            }
          },
          (error: unknown) => setImportState({ kind: 'error', message: errorMessage(error) }),
        )
      }
      onImport={onImport}
      onExport={onExport}
      exportError={exportError}
      exportLeftOut={exportLeftOut}
    />
  );
}

const root = document.getElementById('app');
if (root) {
  document.documentElement.lang = uiLanguage();
  document.title = t('optionsTitle');
  render(<App />, root);
}
