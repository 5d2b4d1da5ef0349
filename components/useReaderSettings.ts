import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type ReaderSettings, type SettingsStore } from '../core/reader/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import type { ReaderShellProps } from './ReaderShell.tsx';
import type { ToolbarAction } from './ReaderToolbar.tsx';
import { errorMessage } from '../core/util/index.ts';
import { Settings2 } from './icons.tsx';

export type { SettingsStore } from '../core/reader/index.ts';

/** Sync storage allows ~2 writes a second: a burst of clicks on "+" becomes one write. */
export const SAVE_DELAY_MS = 400;

/**
 * The reader's settings, live: loaded once, changed here at once (saved a moment later), and changed
 * when another view or device changes them. `error` says why the last save failed, if it did.
 */
export function useReaderSettings(store: SettingsStore) {
  // The last settings seen, where the store keeps a copy: no flash of the default theme until `load` answers.
  const [initial] = useState(() => store.lastSeen?.() ?? DEFAULT_SETTINGS);
  const [settings, setSettings] = useState<ReaderSettings>(initial);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<ReaderSettings>(initial);

  useEffect(() => {
    let live = true;
    store.load().then(
      (loaded) => {
        if (!live) return;
        setReady(true);
        if (pending.current) return; // changed before the load finished: the reader's change is newer
        latest.current = loaded;
        setSettings(loaded);
        store.remember?.(loaded);
      },
      (reason: unknown) => {
        if (!live) return;
        setError(errorMessage(reason));
        setReady(true); // defaults are shown; the error says why
      },
    );
    const unwatch = store.watch((changed) => {
      if (pending.current) return; // our own unsaved change is newer
      latest.current = changed;
      setSettings(changed);
      store.remember?.(changed);
    });
    // Closing the popup or the view right after a change must not lose it.
    const flush = () => {
      if (!pending.current) return;
      clearTimeout(pending.current);
      pending.current = null;
      store.save(latest.current).catch(() => undefined);
    };
    globalThis.addEventListener?.('pagehide', flush);
    return () => {
      live = false;
      unwatch();
      globalThis.removeEventListener?.('pagehide', flush);
      flush();
    };
  }, [store]);

  const update = (next: ReaderSettings) => {
    latest.current = next;
    setSettings(next);
    store.remember?.(next);
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      store.save(latest.current).then(
        () => setError(null),
        (reason: unknown) => setError(errorMessage(reason)),
      );
    }, SAVE_DELAY_MS);
  };

  return { settings, ready, error, update };
}

/**
 * What every reader surface (popup, in-page view, offline reader) needs for its ReaderShell: the live settings,
 * the settings panel's open state, and the toolbar button that opens it.
 */
export function useReaderShell(store: SettingsStore, t: Translate, locale: string) {
  const { settings, ready, error, update } = useReaderSettings(store);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsAction: ToolbarAction = {
    id: 'settings',
    label: t('settings'),
    icon: Settings2,
    iconOnly: true,
    pressed: settingsOpen,
    onClick: () => setSettingsOpen(!settingsOpen),
  };
  const shell: Omit<ReaderShellProps, 'actions' | 'children'> = {
    // Images stay hidden until the reader's setting is known: an article shown before that (the in-page view has
    // its article at once) must not fetch pictures the reader turned off (they load lazily, once shown).
    settings: ready ? settings : { ...settings, showImages: false },
    t,
    locale,
    settingsOpen,
    settingsError: error,
    onSettingsChange: update,
  };
  return { settings, ready, settingsAction, shell };
}
