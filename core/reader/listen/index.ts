// Listen: the article read aloud, sentence by sentence (see controller.ts for why it is built this way).
export {
  createListenController,
  EVENT_LOG_SIZE,
  KEEP_ALIVE_MS,
  MAX_RATE,
  MIN_RATE,
  type ListenController,
  type ListenOptions,
  type ListenPlace,
  type ListenState,
  type ListenStatus,
  type SpeechEngine,
  type SpeechRequest,
  type Timers,
} from './controller.ts';
export { planUtterances, MAX_UTTERANCE_CHARS, type Utterance } from './utterances.ts';
export { pickVoice, type VoiceChoice, type VoiceInfo } from './voices.ts';
