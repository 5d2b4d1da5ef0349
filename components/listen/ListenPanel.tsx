// Listen in a view (the offline reader, the in-page view): the controls over the article, the keys (space to
// play or pause, ← → for paragraphs) and a click on a paragraph to read from there. Speed and voice are reader
// settings, synced like the others. Its styles are listen.css, which each view applies (the in-page view inlines
// them into its shadow root).
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ListenPlace, ReaderSettings } from '../../core/reader/index.ts';
import type { Translate } from '../../contracts/i18n.ts';
import { ListenBar } from './ListenBar.tsx';
import { readableBlocks } from './article-blocks.ts';
import { browserSpeechEngine, canSpeak } from './speech-engine.ts';
import { useListen } from './useListen.ts';

export interface ListenPanelProps {
  /** The rendered article (its <article> element). */
  article: Element | null;
  lang: string;
  settings: ReaderSettings;
  onSettingsChange: (settings: ReaderSettings) => void;
  t: Translate;
  locale: string;
  /** Where to begin: the place kept for a saved article (the top otherwise). */
  from?: ListenPlace | null;
  /** Each place the reading reaches (null: read to the end), for a saved article's place to be kept. */
  onPlace?: (place: ListenPlace | null) => void;
  /** Where the keys are heard: the window (default), or the in-page view's dialog (its keys stay in it). */
  keyTarget?: EventTarget | null;
}

const base = (lang: string) => lang.toLowerCase().split(/[-_]/)[0] ?? '';

/** Where a key press is the reader typing or choosing, not a command. */
const typing = (target: EventTarget | null) =>
  target instanceof Element && !!target.closest('input, select, textarea, button, a, [contenteditable]');

export function ListenPanel(props: ListenPanelProps) {
  const { article, lang, settings, onSettingsChange, t, locale, from, onPlace } = props;
  const keyTarget = props.keyTarget ?? window;
  const engine = useMemo(() => (canSpeak() ? browserSpeechEngine() : null), []);
  const voiceId = settings.listenVoices[base(lang)] ?? null;
  const { controller, state } = useListen({
    article,
    lang,
    rate: settings.listenRate,
    voiceId,
    engine,
    from,
    onPlace,
  });
  const languageName = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(base(lang) || 'und') ?? lang;
    } catch {
      return lang;
    }
  }, [lang, locale]);

  // Starts reading as soon as the panel opens (the reader asked for it), or as soon as a voice is there: Chrome
  // lists its voices a moment after the page loads ("voiceschanged").
  const startPending = useRef(true);
  useEffect(() => {
    if (!controller || !startPending.current || state?.status !== 'idle') return;
    startPending.current = false;
    controller.play();
  }, [controller, state?.status]);

  useEffect(() => {
    if (!controller || !article) return;
    const onKey = (keyEvent: Event) => {
      const event = keyEvent as KeyboardEvent;
      if (!event.isTrusted || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      const action = {
        ' ': () => controller.toggle(),
        ArrowLeft: () => controller.previous(),
        ArrowRight: () => controller.next(),
      }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    const onClick = (event: Event) => {
      if (!event.isTrusted || typing(event.target) || !(event.target instanceof Element)) return;
      const blocks = readableBlocks(article);
      const index = blocks.findIndex((block) => block.contains(event.target as Node));
      if (index >= 0 && window.getSelection()?.isCollapsed !== false) controller.play(index);
    };
    const onHide = () => controller.stop();
    keyTarget.addEventListener('keydown', onKey);
    article.addEventListener('click', onClick);
    window.addEventListener('pagehide', onHide);
    return () => {
      keyTarget.removeEventListener('keydown', onKey);
      article.removeEventListener('click', onClick);
      window.removeEventListener('pagehide', onHide);
    };
  }, [controller, article, keyTarget]);

  if (!engine) {
    return (
      <p class="listen-status" role="status">
        {t('listenUnavailable')}
      </p>
    );
  }
  if (!controller || !state) return null;
  return (
    <ListenBar
      controller={controller}
      state={state}
      // Every system voice (thousands with speech-dispatcher) only when none speaks the article's language.
      allVoices={state.matching.length ? [] : engine.voices()}
      languageName={languageName}
      rate={settings.listenRate}
      t={t}
      locale={locale}
      onRate={(listenRate) => onSettingsChange({ ...settings, listenRate })}
      onVoice={(id) => onSettingsChange({ ...settings, listenVoices: { ...settings.listenVoices, [base(lang)]: id } })}
    />
  );
}
