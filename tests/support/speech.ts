// A speech engine that speaks nothing, for Listen's tests: the test says when each utterance ends or fails.
import type { SpeechEngine, SpeechRequest, VoiceInfo } from '../../core/reader/index.ts';

export const FR: VoiceInfo = { id: 'espeak-fr', name: 'French (France)', lang: 'fr-FR', localService: true };
export const FR_CA: VoiceInfo = { id: 'remote-fr-ca', name: 'Français (Canada)', lang: 'fr_CA' };
export const EN: VoiceInfo = {
  id: 'espeak-en',
  name: 'English (America)',
  lang: 'en-US',
  localService: true,
  default: true,
};

/** A speech engine that speaks nothing: the test says when each utterance starts, ends or fails. */
export function scriptedEngine(voices: VoiceInfo[] = [FR, EN]) {
  const spoken: SpeechRequest[] = [];
  let live: SpeechRequest | null = null;
  const engine: SpeechEngine & { log: string[] } = {
    log: [],
    voices: () => voices,
    speak(request) {
      spoken.push(request);
      live = request;
      request.onStart();
    },
    cancel() {
      engine.log.push('cancel');
      const was = live;
      live = null;
      was?.onError('interrupted'); // as Chrome reports a cancelled utterance
    },
    pause: () => engine.log.push('pause'),
    resume: () => engine.log.push('resume'),
    speaking: () => live !== null,
  };
  return {
    engine,
    spoken,
    texts: () => spoken.map((request) => request.text),
    /** The utterance being spoken ends normally. */
    finish() {
      const was = live;
      live = null;
      was?.onEnd();
    },
    fail(code: string) {
      const was = live;
      live = null;
      was?.onError(code);
    },
  };
}
