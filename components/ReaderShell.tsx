import type { ComponentChildren } from 'preact';
import type { ReaderSettings } from '../core/reader/index.ts';
import type { Translate } from '../contracts/i18n.ts';
import { readerAttributes } from './readerStyle.ts';
import { ReaderToolbar, type ToolbarAction } from './ReaderToolbar.tsx';
import { lazyComponent } from './lazy.tsx';

// The settings panel loads the first time it is opened: most opens of the popup never show it.
const LazySettingsPanel = lazyComponent(() => import('./SettingsPanel.tsx').then((m) => m.SettingsPanel));

export interface ReaderShellProps {
  settings: ReaderSettings;
  t: Translate;
  /** The interface's language, for numbers and dates. */
  locale: string;
  actions: ToolbarAction[];
  settingsOpen: boolean;
  settingsError: string | null;
  onSettingsChange: (settings: ReaderSettings) => void;
  children: ComponentChildren;
}

/** Toolbar, optional settings panel, then the view, all in the reader's theme. Shared by popup and in-page view. */
export function ReaderShell(props: ReaderShellProps) {
  const { settings, t, locale, actions, settingsOpen, settingsError, onSettingsChange, children } = props;
  return (
    <div class="reader" {...readerAttributes(settings)}>
      <ReaderToolbar actions={actions} label={t('toolbarLabel')} />
      {settingsOpen && (
        <LazySettingsPanel
          settings={settings}
          t={t}
          locale={locale}
          onChange={onSettingsChange}
          error={settingsError}
        />
      )}
      {children}
    </div>
  );
}
