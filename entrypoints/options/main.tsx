// The options page: the WebDAV sync screen, the site rules, and the import and export screen, each wired to its state.
import { render } from 'preact';
import { ImportExportView } from '../../components/ImportExportView.tsx';
import { SiteRulesView } from '../../components/SiteRulesView.tsx';
import { WebDavSyncView } from '../../components/WebDavSyncView.tsx';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { useImportExport } from './use-import-export.ts';
import { useSiteRules } from './use-site-rules.ts';
import { useWebDavSync } from './use-webdav-sync.ts';
import { useReaderSettings } from '../../components/useReaderSettings.ts';
import { mirroredSettingsStore } from '../../platform/storage.ts';
import '../../components/reader.css';
import '../../components/reader-frame.css';
import '../reader/style.css';
import './style.css';

function App() {
  const webDavSync = useWebDavSync();
  const importExport = useImportExport();
  const siteRules = useSiteRules();
  // The reader's theme, as on every other screen, from the first frame (the reading font is for articles only).
  const { settings } = useReaderSettings(mirroredSettingsStore);
  return (
    // The theme's background fills the window; the settings stay a readable column in the middle.
    <div class="reader options-page" data-theme={settings.theme} data-font="system">
      <main class="view options">
        <h1>{t('extName')}</h1>
        <WebDavSyncView t={t} locale={uiLanguage()} {...webDavSync} />
        <SiteRulesView t={t} locale={uiLanguage()} {...siteRules} />
        <ImportExportView t={t} {...importExport} locale={uiLanguage()} />
      </main>
    </div>
  );
}

const root = document.getElementById('app');
if (root) {
  document.documentElement.lang = uiLanguage();
  document.title = t('optionsTitle');
  render(<App />, root);
}
