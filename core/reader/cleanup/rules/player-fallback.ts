import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

// A player's fallback message has three parts: the media, a "not supported", and the reader's own device or
// browser ("your device", "votre navigateur", "вашем устройстве"). All three, in a short block that opens with the
// media or the reader's browser, is a message to the reader, never a sentence of the story.

/** How the message opens: an apology, then the media or the reader's device or browser. */
const OPENING = new RegExp(
  String.raw`^(?:(?:sorry|désolé|leider|lo sentimos|lo siento|к сожалению)[,!.]?\s*)?(?:` +
    [
      String.raw`(?:media|video|audio)\s+(?:playback|player)|(?:this|the)\s+(?:video|audio|media|content|player)|your\s+(?:web\s+)?(?:browser|device)`,
      String.raw`(?:la\s+)?lecture|(?:cette|la)\s+(?:vidéo|séquence)|ce\s+(?:contenu|média|lecteur)|votre\s+(?:navigateur|appareil|terminal)`,
      String.raw`(?:die\s+)?(?:medien)?wiedergabe|(?:dieses|das)\s+(?:video|audio)|(?:ihr|dein)\s+(?:browser|gerät|endgerät)`,
      String.raw`(?:la\s+)?reproducción|(?:este|el)\s+(?:vídeo|video|contenido|reproductor)|(?:tu|su)\s+(?:navegador|dispositivo)`,
      String.raw`воспроизведение|(?:это|данное)\s+видео|ваш\p{L}*\s+(?:браузер|устройств)\p{L}*`,
    ].join('|') +
    // \b is ASCII-only: a Cyrillic word needs its own end test.
    String.raw`)(?![\p{L}\p{N}])`,
  'iu',
);

const MEDIA =
  /\b(?:media|playback|videos?|audio|player|multimedia|html5|lecture|vidéos?|médias?|lecteur|multimédia|(?:medien)?wiedergabe|medien|abspielen|abgespielt|reproducción|reproducir|reproductor|vídeos?)\b|воспроизвед|видео|аудио|медиа|мультимедиа|плеер|проигрыват/iu;

const UNSUPPORTED =
  /\b(?:unsupported|not\s+supported|(?:does\s+not|doesn['’]t|cannot|can['’]t|can\s+not)\s+(?:support|play|be\s+played)|not\s+(?:available|compatible)|ne\s+(?:supporte|prend|permet|peut)\s+pas|n['’]est\s+pas\s+(?:prise?\s+en\s+charge|supportée?|compatible|disponible)|non\s+(?:supportée?|prise?\s+en\s+charge)|nicht\s+(?:unterstützt|verfügbar|abgespielt|wiedergegeben)|unterstützt\s+(?:kein|das|die|den|dieses)?\s*\S*\s*nicht|unterstützt\s+kein|no\s+(?:soporta|admite|es\s+compatible|está\s+disponible|se\s+puede\s+reproducir|puede\s+reproducir))\b|не\s+поддержива|недоступ|невозможно\s+воспроизвести/iu;

const READER_DEVICE =
  /\b(?:(?:your|this)\s+(?:web\s+)?(?:device|browser)|(?:votre|cet)\s+(?:appareil|navigateur|terminal)|ce\s+navigateur|(?:ihr|ihrem|ihren|dein|deinem|diesem)\s+(?:browser|gerät|endgerät)|(?:tu|su|este)\s+(?:dispositivo|navegador))\b|(?:ваш|этом|этот)\p{L}*\s+(?:браузер|устройств)/iu;

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
    OPENING.test(text) &&
    MEDIA.test(text) &&
    UNSUPPORTED.test(text) &&
    READER_DEVICE.test(text),
};
export default rule;
