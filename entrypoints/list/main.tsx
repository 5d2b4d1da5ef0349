// The reading list as a page of its own (list.html): where the offline reader's "back to the list" leads.
import { render } from 'preact';
import { ReaderShell } from '../../components/ReaderShell.tsx';
import { useReaderShell } from '../../components/useReaderSettings.ts';
import { t, uiLanguage } from '../../platform/i18n.ts';
import { mirroredSettingsStore } from '../../platform/storage.ts';
import { loadShortcuts } from '../../platform/shortcuts.ts';
import { ReadingListTab } from '../popup/ReadingListTab.tsx';
import { useEffect, useState } from 'preact/hooks';
import '../../components/reader.css';
import '../../components/reader-frame.css';
import '../reader/style.css';

function App() {
  const { settingsAction, shell } = useReaderShell(mirroredSettingsStore, t, uiLanguage());
  const [saveShortcut, setSaveShortcut] = useState('');
  useEffect(() => {
    void loadShortcuts().then((shortcuts) => setSaveShortcut(shortcuts.save));
  }, []);
  return (
    <ReaderShell {...shell} actions={[settingsAction]}>
      <ReadingListTab saveShortcut={saveShortcut} />
    </ReaderShell>
  );
}

const root = document.getElementById('app');
if (root) {
  document.documentElement.lang = uiLanguage();
  document.title = t('listPageTitle');
  render(<App />, root);
}
