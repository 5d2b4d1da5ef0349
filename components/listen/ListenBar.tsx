import { useEffect, useRef } from 'preact/hooks';
import type { ListenController, ListenState, VoiceInfo } from '../../core/reader/index.ts';
import type { Translate } from '../../contracts/i18n.ts';
import { localeFormat, type LocaleFormat } from '../../core/util/index.ts';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];

export interface ListenBarProps {
  controller: ListenController;
  state: ListenState;
  /** Every voice of the system, for a reader whose language has none. */
  allVoices: VoiceInfo[];
  /** The article's language, named in the interface's language ("French"). */
  languageName: string;
  rate: number;
  t: Translate;
  /** The interface's locale, for numbers. */
  locale: string;
  onRate: (rate: number) => void;
  onVoice: (voiceId: string) => void;
}

/** What the bar says, for screen readers too (a polite live region). */
function statusText(state: ListenState, t: Translate, format: LocaleFormat, languageName: string): string {
  switch (state.status) {
    case 'playing':
    case 'paused':
      return t(state.status === 'playing' ? 'listenReading' : 'listenPaused', [
        format.integer((state.current?.paragraph ?? 0) + 1),
      ]);
    case 'ended':
      return t('listenEnded');
    case 'no-voice':
      return t('listenNoVoice', [languageName]);
    case 'blocked':
      return t('listenBlocked');
    case 'error':
      return t('listenFailed');
    default:
      return '';
  }
}

/** Listen's controls: play/pause, paragraph by paragraph, stop, speed and voice. Presentational. */
export function ListenBar(props: ListenBarProps) {
  const { controller, state, allVoices, languageName, rate, t, locale, onRate, onVoice } = props;
  const format = localeFormat(locale);
  const playing = state.status === 'playing';
  const voices = state.matching.length ? state.matching : allVoices;
  // Blocked until the reader acts in the page: Play has the focus, so Space or Enter starts at once.
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state.status === 'blocked') toggle.current?.focus();
  }, [state.status]);
  return (
    <div
      class="listen-bar"
      role="group"
      aria-label={t('listenControls')}
      // What the engine really did, and in which voice's language (the end-to-end tests read these).
      data-status={state.status}
      data-events={state.events.join(',')}
      data-voice-lang={state.voice?.lang}
    >
      <button type="button" class="listen-previous" onClick={() => controller.previous()} title={t('listenPrevious')}>
        {t('listenPrevious')}
      </button>
      <button
        type="button"
        class="listen-toggle"
        ref={toggle}
        aria-pressed={playing}
        disabled={!state.voice}
        onClick={() => controller.toggle()}
      >
        {playing ? t('listenPause') : t('listenPlay')}
      </button>
      <button type="button" class="listen-next" onClick={() => controller.next()} title={t('listenNext')}>
        {t('listenNext')}
      </button>
      <button type="button" class="listen-stop" onClick={() => controller.stop()} disabled={state.status === 'idle'}>
        {t('listenStop')}
      </button>
      <label class="listen-rate">
        {t('listenSpeed')}
        <select value={String(rate)} onChange={(event) => onRate(Number(event.currentTarget.value))}>
          {RATES.map((value) => (
            <option key={value} value={String(value)}>
              {t('listenRateValue', [format.decimal(value, Number.isInteger(value) ? 0 : (value * 10) % 1 ? 2 : 1)])}
            </option>
          ))}
        </select>
      </label>
      {voices.length > 0 && (
        <label class="listen-voice">
          {t('listenVoice')}
          <select value={state.voice?.id ?? ''} onChange={(event) => onVoice(event.currentTarget.value)}>
            {!state.voice && <option value="">{t('listenChooseVoice')}</option>}
            {voices.slice(0, 200).map((voice) => (
              <option key={voice.id} value={voice.id}>
                {t('listenVoiceName', [voice.name, voice.lang])}
              </option>
            ))}
          </select>
        </label>
      )}
      <p class="listen-status" role="status" aria-live="polite" data-detail={state.error}>
        {statusText(state, t, format, languageName)}
      </p>
    </div>
  );
}
