import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

// A player's fallback message has three parts: the media, a "not supported", and the reader's own device or
// browser ("your device", "votre navigateur", "вашем устройстве"). All three, in one short sentence that opens with
// the media or the reader's browser, is a message to the reader, never a sentence of the story.

const MEDIA =
  /\b(?:media|playback|videos?|audio|player|multimedia|html5|lecture|vidéos?|médias?|lecteur|multimédia|(?:medien)?wiedergabe|medien|abspielen|abgespielt|reproducción|reproducir|reproductor|vídeos?)\b|воспроизвед|видео|аудио|медиа|мультимедиа|плеер|проигрыват/iu;

const UNSUPPORTED =
  /unsupported|not\s+(?:supported|available|compatible)|(?:does\s*n['’o]t|can['’]?t|cannot|can\s+not)\s+(?:support|play|be\s+played)|ne\s+(?:supporte|prend|permet|peut)\s+pas|n['’]est\s+pas\s+(?:pris|support|compatible|disponible)|non\s+(?:support|pris)|nicht\s+(?:unterstützt|verfügbar|abgespielt|wiedergegeben)|unterstützt\s+(?:\S+\s+){0,2}nicht|unterstützt\s+kein|no\s+(?:soporta|admite|es\s+compatible|está\s+disponible|se\s+puede|puede)|не\s+поддержива|недоступ|невозможно\s+воспроизвести/iu;

const READER_DEVICE =
  /\b(?:(?:your|this)\s+(?:web\s+)?(?:device|browser)|(?:votre|cet)\s+(?:appareil|navigateur|terminal)|ce\s+navigateur|(?:ihr|ihrem|ihren|dein|deinem|diesem)\s+(?:browser|gerät|endgerät)|(?:tu|su|este)\s+(?:dispositivo|navegador))\b|(?:ваш|этом|этот)\p{L}*\s+(?:браузер|устройств)/iu;

/** "Media playback is…", "Sorry, your browser…", "К сожалению, ваш браузер…": not "If you see this, your browser…". */
function opensWithMediaOrReader(text: string): boolean {
  const opening = text.split(/\s+/, 4).join(' ');
  return MEDIA.test(opening) || READER_DEVICE.test(opening);
}

const rule: CleanupRule = {
  id: 'player-fallback',
  reason:
    'Video and audio players print a fallback message ("Media playback is unsupported on your device", "Votre navigateur ne prend pas en charge la vidéo") where the player would be; Readability keeps it as a line of text, often as the article\'s first line.',
  languages: ['en', 'fr', 'de', 'es', 'ru'],
  fixtures: ['en-player-fallback', 'ru-vote-counter'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 140,
  match: (_el, text) =>
    // One sentence only: a longer text that mentions a player is an explanation, not the message.
    !/[.!?]\s+\S/.test(text) &&
    opensWithMediaOrReader(text) &&
    MEDIA.test(text) &&
    UNSUPPORTED.test(text) &&
    READER_DEVICE.test(text),
};
export default rule;
