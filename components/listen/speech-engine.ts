// The browser's speechSynthesis as Listen's SpeechEngine (core/reader/listen).
import type { SpeechEngine, VoiceInfo } from '../../core/reader/index.ts';

export function browserSpeechEngine(synth: SpeechSynthesis = globalThis.speechSynthesis): SpeechEngine {
  // Chrome may collect an utterance that nothing references while it speaks, and then never fires its "end".
  let speaking: SpeechSynthesisUtterance | null = null;
  let voices: SpeechSynthesisVoice[] = synth.getVoices();
  const voiceById = (id: string) => {
    if (!voices.some((voice) => voice.voiceURI === id)) voices = synth.getVoices();
    return voices.find((voice) => voice.voiceURI === id);
  };
  return {
    voices(): VoiceInfo[] {
      voices = synth.getVoices();
      return voices.map((voice) => ({
        id: voice.voiceURI,
        name: voice.name,
        lang: voice.lang,
        localService: voice.localService,
        default: voice.default,
      }));
    },
    speak(request) {
      const utterance = new SpeechSynthesisUtterance(request.text);
      utterance.lang = request.lang;
      utterance.rate = request.rate;
      const voice = request.voiceId ? voiceById(request.voiceId) : undefined;
      if (voice) utterance.voice = voice;
      utterance.onstart = () => request.onStart();
      utterance.onboundary = (event) => request.onBoundary?.(event.charIndex);
      utterance.onend = () => {
        if (speaking === utterance) speaking = null;
        request.onEnd();
      };
      utterance.onerror = (event) => {
        if (speaking === utterance) speaking = null;
        request.onError(event.error);
      };
      speaking = utterance;
      synth.speak(utterance);
    },
    cancel: () => synth.cancel(),
    pause: () => synth.pause(),
    resume: () => synth.resume(),
    speaking: () => synth.speaking,
  };
}

/** Whether this browser can speak at all (Firefox with media.webspeech.synth.enabled off cannot). */
export function canSpeak(): boolean {
  return typeof globalThis.speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
}
