import type { Translate } from '../contracts/i18n.ts';
import type { WebDavSettings, WebDavStatus } from '../contracts/webdav.ts';
import type { ConnectionResult } from '../core/reading-list/index.ts';
import { syncProblemText, webDavProblemText } from './webdav-problem-text.ts';
import { localeFormat } from '../core/util/index.ts';
import { Check, Icon } from './icons.tsx';

export interface WebDavSyncViewProps {
  t: Translate;
  locale: string;
  webdav: WebDavSettings;
  /** The stored WebDAV settings could not be read in full (what could is shown; sync is off until saved). */
  webdavUnreadable?: boolean;
  status: WebDavStatus;
  /** The last "Test connection" outcome (said in plain words here). */
  testResult: ConnectionResult | null;
  busy: boolean;
  /** The browser's permission prompt for the server is open. */
  asking?: boolean;
  /** What the last Save did. */
  saved?: 'saved' | 'saved-sync-off' | null;
  onWebDavChange: (settings: WebDavSettings) => void;
  onWebDavSave: () => void;
  onWebDavTest: () => void;
  onSyncNow: () => void;
}

/** The options page's sync screen: the reader's WebDAV server, a connection test, the last sync. Presentational. */
export function WebDavSyncView(props: WebDavSyncViewProps) {
  const { t, webdav, status } = props;
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
  const format = localeFormat(props.locale);

  return (
    <section class="webdav" aria-labelledby="webdav-heading">
      <h2 id="webdav-heading">{t('webdavHeading')}</h2>
      <p class="hint">{t('webdavIntro')}</p>
      {/* Browser sync has no room for highlights: only WebDAV carries them. */}
      {webdav.enabled && webdav.baseUrl.trim() ? (
        <p class="hint highlights-sync">{t('highlightsSyncWebDav')}</p>
      ) : (
        <p class="hint highlights-stay-here">{t('highlightsStayHere')}</p>
      )}
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
          <button type="button" class="webdav-sync" disabled={props.busy || !webdav.enabled} onClick={props.onSyncNow}>
            {t('webdavSyncNow')}
          </button>
        </div>
      </form>
      {props.asking && (
        <p class="result asking" role="status">
          {t('webdavAsking')}
        </p>
      )}
      {props.saved && (
        <p class="result ok saved" role="status">
          <Icon icon={Check} size={16} />
          {t(props.saved === 'saved' ? 'webdavSaved' : 'webdavSavedSyncOff')}
        </p>
      )}
      {props.testResult && (
        <p class={props.testResult.ok ? 'result ok' : 'result error'} role="status">
          {props.testResult.ok ? t('webdavConnected') : webDavProblemText(props.testResult.problem, t, props.locale)}
        </p>
      )}
      <p
        class="sync-status"
        role="status"
        data-last-sync={status.lastSyncAt ?? undefined}
        data-failed={!!status.lastError}
      >
        {status.lastSyncAt ? t('webdavLastSync', [format.dateTime(status.lastSyncAt) ?? '']) : t('webdavNeverSynced')}
        {status.lastError && (
          <span class="error" data-problem={status.lastError.code}>
            {' '}
            {t('webdavLastError', [webDavProblemText(status.lastError, t, props.locale)])}
          </span>
        )}
      </p>
      {status.problems.length > 0 && (
        <ul class="problems">
          {status.problems.map((problem, i) => (
            <li key={i} data-problem={problem.code}>
              {syncProblemText(problem, t, props.locale)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
