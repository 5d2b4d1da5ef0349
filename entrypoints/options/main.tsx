// The options page: the WebDAV sync screen and the import and export screen, each wired to its state.
import { render } from 'preact';
import { ImportExportView } from '../../components/ImportExportView.tsx';
import { WebDavSyncView } from '../../components/WebDavSyncView.tsx';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { useImportExport } from './use-import-export.ts';
import { useWebDavSync } from './use-webdav-sync.ts';
import '../../components/reader.css';
import './style.css';

function App() {
  const webDavSync = useWebDavSync();
  const importExport = useImportExport();
  return (
    <main class="reader view options" data-theme="auto" data-font="system">
      <h1>{t('extName')}</h1>
      <WebDavSyncView t={t} locale={uiLanguage()} {...webDavSync} />
      <ImportExportView t={t} {...importExport} locale={uiLanguage()} />
    </main>
  );
}

const root = document.getElementById('app');
if (root) {
  document.documentElement.lang = uiLanguage();
  document.title = t('optionsTitle');
  render(<App />, root);
}
