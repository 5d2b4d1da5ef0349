// The WebDAV sync screen's state: the settings as stored, the permission for the server's origin (asked in the
// click itself), a connection test and "sync now" through the background.
import { useEffect, useState } from 'preact/hooks';
import type { WebDavSyncViewProps } from '../../components/WebDavSyncView.tsx';
import type { WebDavSettings, WebDavStatus } from '../../contracts/webdav.ts';
import { addressProblem, type ConnectionResult } from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';
import { sendMessage } from '../../platform/messaging.ts';
import { webDavSettingsDamaged, webDavSettingsItem, webDavStatusItem } from '../../platform/storage.ts';
import { originPattern, requestOrigin } from '../../platform/webdav-origin.ts';

export function useWebDavSync(): Omit<WebDavSyncViewProps, 't' | 'locale'> {
  const [webdav, setWebdav] = useState<WebDavSettings>(webDavSettingsItem.fallback);
  const [status, setStatus] = useState<WebDavStatus>(webDavStatusItem.fallback);
  const [testResult, setTestResult] = useState<ConnectionResult | null>(null);
  const [busy, setBusy] = useState(false);
  /** The browser's permission prompt for the server is open. */
  const [asking, setAsking] = useState(false);
  /** What the last Save did (shown until the next change). */
  const [saved, setSaved] = useState<'saved' | 'saved-sync-off' | null>(null);

  const [webdavUnreadable, setWebdavUnreadable] = useState(false);

  useEffect(() => {
    void webDavSettingsItem.getValue().then(setWebdav);
    void webDavSettingsDamaged().then(setWebdavUnreadable, () => undefined);
    void webDavStatusItem.getValue().then(setStatus);
    return webDavStatusItem.watch(setStatus);
  }, []);

  /** Asks for the server's origin, in the click itself (browsers require the user's gesture for it). */
  const askOrigin = (): Promise<boolean> => {
    // A typo or credentials typed into the address are said before any permission prompt.
    const wrong = addressProblem(webdav.baseUrl);
    const origin = wrong ? null : originPattern(webdav.baseUrl);
    if (!origin) {
      setTestResult({ ok: false, problem: wrong ?? { code: 'bad-address' } });
      return Promise.resolve(false);
    }
    // A new question: the answer to the last one no longer applies while the reader reads the prompt.
    setTestResult(null);
    setAsking(true);
    return requestOrigin(origin).then(
      (granted) => {
        setAsking(false);
        if (!granted) setTestResult({ ok: false, problem: { code: 'permission' } });
        return granted;
      },
      (error: unknown) => {
        setAsking(false);
        throw error;
      },
    );
  };

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      setTestResult({ ok: false, problem: { code: 'failed', detail: errorMessage(error) } });
    } finally {
      setBusy(false);
    }
  };

  return {
    webdav,
    webdavUnreadable,
    status,
    testResult,
    busy,
    asking,
    saved,
    onWebDavChange: (next) => {
      setSaved(null);
      setWebdav(next);
    },
    onWebDavSave: () => {
      setSaved(null);
      const granted = webdav.enabled ? askOrigin() : Promise.resolve(true);
      void run(async () => {
        const on = webdav.enabled && (await granted);
        await webDavSettingsItem.setValue({ ...webdav, enabled: on });
        if (webdav.enabled && !on) setWebdav({ ...webdav, enabled: false }); // the form shows what was saved
        setWebdavUnreadable(false);
        // Refused (a wrong address, no permission): saved with sync off, and the result line says why.
        setSaved(on ? 'saved' : 'saved-sync-off');
        if (webdav.enabled && (await granted)) setStatus(await sendMessage('webdavSyncNow', undefined));
      });
    },
    onWebDavTest: () => {
      const granted = askOrigin();
      void run(async () => {
        if (!(await granted)) return;
        setTestResult(await sendMessage('webdavTest', webdav));
      });
    },
    onSyncNow: () => void run(async () => setStatus(await sendMessage('webdavSyncNow', undefined))),
  };
}
