import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';
import { hasBlockChildren } from '../dom.ts';

// A consent notice names three things at once: the reader's privacy or consent, loading or blocking, and the
// third party whose content is held back. Each alone is common in articles (about privacy, about Twitter).
const CONSENT =
  /einverst|zustimm|einwillig|datenschutz|privatsphäre|personenbezogen|persönliche\p{L}* daten|privacy|consent|cookie|confidentialité|consentement|vie privée|privacidad|consentimiento|consenso|privacidade|consentimento|prywatno|zgod/iu;
const LOADING =
  /\b(?:lad(?:en|e)|lädt|geladen|anzeigen|angezeigt|freischalten|entsperren|blockiert|verbindung|load(?:ing|ed)?|block(?:ed)?|unblock|charg\p{L}*|bloqu\p{L}*|carg\p{L}*|caric\p{L}*|carreg\p{L}*|wczyt\p{L}*|zablokow\p{L}*)\b/iu;
const THIRD_PARTY =
  /\b(?:extern\p{L}*|drittanbiete\p{L}*|third[- ]party|anbieter\p{L}*|provider|fournisseur|proveedor|fornitore|fornecedor|dostawc\p{L}*|inhalt\p{L}*|content|contenu|contenido|contenuto|conteúdo|treś\p{L}*|twitter|youtube|instagram|facebook|vimeo|tiktok|spotify|soundcloud|google maps|x\.com|videos?|vidéo|vídeo)\b/iu;
// It speaks to the reader, or for them ("Ich bin einverstanden", "I agree").
const ADDRESS =
  /\b(?:du|dein\p{L}*|dich|dir|sie|ihr\p{L}*|ich|you|your|i agree|vous|votre|vos|j['’]accepte|tu|usted|aceptas?|acepto|voi|accetti|accetto|você|aceito|pan\p{L}*|akceptuj\p{L}*)\b/iu;
// The placeholder's title and buttons.
const LABEL =
  /^(?:externe[rn]? inhalte?|external content|contenu externe|contenido externo|contenuto esterno|conteúdo externo|treść zewnętrzna|(?:twitter|youtube|instagram|facebook|vimeo|tiktok|spotify|soundcloud|tweet|video|inhalte?|karte) (?:laden|freischalten|entsperren|aktivieren|anzeigen)|(?:load|show|unblock) (?:external )?(?:content|video|tweet|map)|datenschutzeinstellungen (?:verwalten|ändern|anpassen)|manage (?:privacy|cookie|consent) (?:settings|preferences))$/iu;

const rule: CleanupRule = {
  id: 'embed-consent',
  reason:
    'Pages hold back embedded tweets, videos and maps until the reader consents; the placeholder ("Externer Inhalt", "Wir respektieren deine Privatsphäre und stellen … keine Verbindung zu Twitter her") sits between the paragraphs and Readability keeps it. Its notice may be as long as a paragraph, so a notice is recognised by consent, loading, a third party and the reader addressed, all four in one short block.',
  languages: ['de', 'en', 'fr', 'es', 'it', 'pt', 'pl'],
  fixtures: ['de-embed-consent'],
  stage: 'article',
  // The notice is paragraph-long, which the cleanup otherwise never removes; four signals must agree.
  removesProse: true,
  tags: TEXT_BLOCKS,
  maxLength: 400,
  // One block at a time: a box holding the notice may hold a paragraph of the article too.
  match: (el, text) =>
    LABEL.test(text) ||
    (CONSENT.test(text) && LOADING.test(text) && THIRD_PARTY.test(text) && ADDRESS.test(text) && !hasBlockChildren(el)),
};
export default rule;
