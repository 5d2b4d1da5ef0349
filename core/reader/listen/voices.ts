// The voice for an article's language: the reader's choice for that language when the system still has it, else
// the system's voice for the exact language (fr-CA), else for the language (fr), local voices first.
import { baseLang } from '../sentences.ts';

/** What Listen needs of a system voice (SpeechSynthesisVoice's fields). */
export interface VoiceInfo {
  /** voiceURI: stable across sessions, the key a reader's choice is kept under. */
  id: string;
  name: string;
  /** BCP 47 tag ("fr-FR"); some systems write "fr_FR". */
  lang: string;
  localService?: boolean;
  default?: boolean;
}

export interface VoiceChoice {
  /** null: the system has no voice for the language. */
  voice: VoiceInfo | null;
  /** The voices that speak the language, best first (the chosen one included), for the reader to pick. */
  matching: VoiceInfo[];
}

const normalize = (lang: string) => lang.replace(/_/g, '-').toLowerCase();

export function pickVoice(voices: readonly VoiceInfo[], lang: string, preferredId?: string | null): VoiceChoice {
  const wanted = normalize(lang);
  const base = baseLang(wanted);
  const score = (voice: VoiceInfo) =>
    (normalize(voice.lang) === wanted ? 4 : 0) + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
  const matching = voices
    .filter((voice) => base !== '' && baseLang(normalize(voice.lang)) === base)
    .sort((a, b) => score(b) - score(a));
  const preferred = matching.find((voice) => voice.id === preferredId);
  return { voice: preferred ?? matching[0] ?? null, matching };
}
