// Listen: reads an article aloud one utterance at a time through a speech engine (speechSynthesis in the views,
// a scripted fake in the tests). Framework-free: the views subscribe to its state to highlight the sentence.
//
// Why it is built this way:
// - Pause is cancel-and-remember, resume starts the sentence again: engines' own pause() is unreliable (Chrome
//   on Linux ignores it with some voices, and a paused utterance may never resume after a while).
// - Every callback carries the generation it was spoken in: a cancel makes engines fire "end" or "error"
//   ("interrupted", "canceled") for the old utterance, which must not move the reading on.
// - Chrome stops speaking after about 15 s in one utterance with some voices: while speaking, a keep-alive pauses
//   and resumes the engine every 10 s, which resets that timer without a gap a listener hears.
import { planUtterances, type Utterance } from './utterances.ts';
import { pickVoice, type VoiceInfo } from './voices.ts';

/** One utterance to speak, with the callbacks an engine reports on (SpeechSynthesisUtterance's events). */
export interface SpeechRequest {
  text: string;
  lang: string;
  voiceId: string | null;
  /** 0.5 to 2. */
  rate: number;
  onStart(): void;
  /** A word or sentence boundary (engines that report them; speech-dispatcher on Linux does not). */
  onBoundary?(charIndex: number): void;
  onEnd(): void;
  /** `error` is SpeechSynthesisErrorEvent.error: "interrupted", "canceled", "synthesis-failed"… */
  onError(error: string): void;
}

/** What Listen needs of speechSynthesis. */
export interface SpeechEngine {
  voices(): VoiceInfo[];
  speak(request: SpeechRequest): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  /** True while an utterance is being spoken (speechSynthesis.speaking). */
  speaking(): boolean;
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** "blocked": the browser lets a page speak only after the reader's click or key in it (Chromium's rule). */
export type ListenStatus = 'idle' | 'playing' | 'paused' | 'ended' | 'no-voice' | 'blocked' | 'error';

export interface ListenState {
  status: ListenStatus;
  /** The utterance being (or last) spoken, or null before the first. */
  current: Utterance | null;
  /** Its index in the plan, and the plan's length. */
  index: number;
  total: number;
  voice: VoiceInfo | null;
  /** The voices for the article's language, best first (empty with "no-voice"). */
  matching: VoiceInfo[];
  /** With "error": the engine's error code. */
  error?: string;
  /**
   * The engine's last events, oldest first, as "start 3", "boundary 3", "end 3", "error 3" (3: the utterance):
   * what the reading really did, shown on the bar for a test (or a curious reader) to check.
   */
  events: readonly string[];
}

/** Where the reading is: a paragraph, and an utterance (a sentence, or a piece of a long one) within it. */
export interface ListenPlace {
  paragraph: number;
  sentence: number;
}

export interface ListenOptions {
  engine: SpeechEngine;
  /** Plain text of the title and each paragraph, in reading order (what the reader sees, nothing hidden). */
  paragraphs: readonly string[];
  lang: string;
  rate?: number;
  /** The reader's voice for this language, if they chose one. */
  voiceId?: string | null;
  timers?: Timers;
  /** Where to begin (the place kept from the last time), else the start. */
  from?: ListenPlace | null;
  /** Each utterance the reading reaches (to keep the place); null once the article was read to its end. */
  onPlace?: (place: ListenPlace | null) => void;
}

export interface ListenController {
  state(): ListenState;
  subscribe(listener: (state: ListenState) => void): () => void;
  /** Starts (or restarts) at the first utterance of `paragraph` (default: where it stopped, else the start). */
  play(paragraph?: number): void;
  pause(): void;
  /** Play when paused or stopped, pause while playing. */
  toggle(): void;
  stop(): void;
  next(): void;
  previous(): void;
  setRate(rate: number): void;
  setVoice(voiceId: string): void;
  /** Picks again from the system's voices, which arrive late in Chrome ("voiceschanged"). */
  refreshVoices(): void;
  /** Stops speech and forgets every listener (the view closes, the page navigates). */
  dispose(): void;
}

export const KEEP_ALIVE_MS = 10_000;
/** How many engine events the state keeps. */
export const EVENT_LOG_SIZE = 100;
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

const clampRate = (rate: number) => Math.min(MAX_RATE, Math.max(MIN_RATE, Number.isFinite(rate) ? rate : 1));
/** Errors an engine reports for an utterance we cancelled ourselves. */
const OWN_CANCEL = new Set(['interrupted', 'canceled']);

export function createListenController(options: ListenOptions): ListenController {
  const { engine, lang } = options;
  const timers = options.timers ?? globalThis;
  const plan = planUtterances(options.paragraphs, lang);
  let rate = clampRate(options.rate ?? 1);
  let { voice, matching } = pickVoice(engine.voices(), lang, options.voiceId);
  const firstOf = (paragraph: number) => {
    const found = plan.findIndex((utterance) => utterance.paragraph >= paragraph);
    return found === -1 ? plan.length : found;
  };
  /** The utterance at `place`, within its paragraph; the start for a place this plan does not have. */
  const indexOf = (place: ListenPlace | null | undefined) => {
    if (!place || !plan.some((utterance) => utterance.paragraph === place.paragraph)) return 0;
    const first = firstOf(place.paragraph);
    const last = firstOf(place.paragraph + 1) - 1;
    return Math.min(last, first + Math.max(0, Math.floor(place.sentence) || 0));
  };
  let index = indexOf(options.from);
  let events: string[] = [];
  let status: ListenStatus = voice ? 'idle' : 'no-voice';
  let error: string | undefined;
  let generation = 0;
  let keepAlive: unknown = null;
  const listeners = new Set<(state: ListenState) => void>();

  const state = (): ListenState => ({
    status,
    current: plan[index] ?? null,
    index,
    total: plan.length,
    voice,
    matching,
    ...(error ? { error } : {}),
    events,
  });
  const note = (event: string, at: number) => {
    events = [...events.slice(1 - EVENT_LOG_SIZE), `${event} ${at}`];
  };
  const emit = () => {
    const snapshot = state();
    for (const listener of listeners) listener(snapshot);
  };

  const stopKeepAlive = () => {
    if (keepAlive !== null) timers.clearInterval(keepAlive);
    keepAlive = null;
  };
  const startKeepAlive = () => {
    stopKeepAlive();
    keepAlive = timers.setInterval(() => {
      if (status === 'playing' && engine.speaking()) {
        engine.pause();
        engine.resume();
      }
    }, KEEP_ALIVE_MS);
  };

  /** Silences the engine; callbacks of what it was saying are ignored from here on. */
  const silence = () => {
    generation++;
    stopKeepAlive();
    engine.cancel();
  };

  const speak = (at: number) => {
    const utterance = plan[at];
    if (!utterance) {
      silence();
      status = 'ended';
      index = Math.max(0, plan.length - 1);
      options.onPlace?.(null);
      emit();
      return;
    }
    index = at;
    status = 'playing';
    error = undefined;
    options.onPlace?.({ paragraph: utterance.paragraph, sentence: at - firstOf(utterance.paragraph) });
    const mine = generation;
    engine.speak({
      text: utterance.text,
      lang,
      voiceId: voice?.id ?? null,
      rate,
      onStart: () => {
        if (mine !== generation) return;
        note('start', at);
        emit();
      },
      onBoundary: () => {
        if (mine !== generation) return;
        note('boundary', at);
        emit();
      },
      onEnd: () => {
        if (mine === generation && status === 'playing') {
          note('end', at);
          generation++;
          speak(at + 1);
        }
      },
      onError: (code) => {
        if (mine !== generation || OWN_CANCEL.has(code)) return;
        note('error', at);
        silence();
        if (code === 'not-allowed') {
          // Not a failure: play again once the reader has clicked or pressed a key in the page.
          status = 'blocked';
          emit();
          return;
        }
        status = 'error';
        error = code;
        emit();
      },
    });
    if (keepAlive === null) startKeepAlive();
    emit();
  };

  const restartAt = (at: number) => {
    if (!voice) return;
    silence();
    speak(Math.min(Math.max(0, at), plan.length));
  };

  return {
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play(paragraph) {
      if (paragraph !== undefined) restartAt(firstOf(paragraph));
      else restartAt(status === 'ended' ? 0 : index);
    },
    pause() {
      if (status !== 'playing') return;
      silence();
      status = 'paused';
      emit();
    },
    toggle() {
      if (status === 'playing') this.pause();
      else this.play();
    },
    stop() {
      silence();
      status = voice ? 'idle' : 'no-voice';
      index = 0;
      emit();
    },
    next() {
      const paragraph = plan[index]?.paragraph ?? 0;
      const at = firstOf(paragraph + 1);
      if (status === 'playing') restartAt(at);
      else {
        index = Math.min(at, Math.max(0, plan.length - 1));
        emit();
      }
    },
    previous() {
      const current = plan[index];
      if (!current) return;
      // Within a paragraph, back to its start; at its first utterance, to the paragraph before.
      const start = firstOf(current.paragraph);
      const at = index > start ? start : firstOf(Math.max(0, current.paragraph - 1));
      if (status === 'playing') restartAt(at);
      else {
        index = at;
        emit();
      }
    },
    setRate(next) {
      rate = clampRate(next);
      if (status === 'playing') restartAt(index);
      else emit();
    },
    setVoice(voiceId) {
      // Any voice the system has: with none for the article's language, the reader may still pick another.
      const chosen =
        matching.find((candidate) => candidate.id === voiceId) ??
        engine.voices().find((candidate) => candidate.id === voiceId);
      if (!chosen) return;
      voice = chosen;
      if (status === 'no-voice') status = 'idle';
      if (status === 'playing') restartAt(index);
      else emit();
    },
    refreshVoices() {
      const preferred = voice?.id ?? options.voiceId;
      ({ voice, matching } = pickVoice(engine.voices(), lang, preferred));
      if (voice && status === 'no-voice') status = 'idle';
      if (!voice && status !== 'playing') status = 'no-voice';
      emit();
    },
    dispose() {
      silence();
      status = voice ? 'idle' : 'no-voice';
      listeners.clear();
    },
  };
}
