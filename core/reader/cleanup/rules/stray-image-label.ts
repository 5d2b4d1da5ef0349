import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, wholeText } from '../rule.ts';

const LABELS = wholeText(
  [
    // Phrases only: a bare "Photo" or "Video" line may be a section label of the article.
    "agrandir l'image",
    'enlarge this image',
    'enlarge image',
    'toggle caption',
    'hide caption',
    'show caption',
    'play video',
    'watch video',
    'lire la vidéo',
    'voir la vidéo',
    'voir la galerie',
    'voir le diaporama',
    'view gallery',
    'open gallery',
    'view slideshow',
    'bild vergrößern',
    'bildergalerie öffnen',
    'ver galería',
    'ver vídeo',
    'guarda il video',
    'apri la galleria',
    'ver galeria',
    'ampliar imagem',
  ],
  String.raw`\s*[:：]?(?:\s*\d+\s*(?:/|of|sur|von|de|di)\s*\d+)?`,
);
const COUNTER =
  /^(?:\d+\s*(?:photos?|images?|pictures?|fotos?|bilder|immagini|imágenes|imagens)|(?:(?:image|photo|bild|foto|imagen|immagine|imagem) )?\d+ (?:of|sur|von|de|di)(?: \/)? \d+)$/iu;

const rule: CleanupRule = {
  id: 'stray-image-label',
  reason:
    'Image and gallery widgets leave labels ("Agrandir l’image", "Enlarge this image", "12 photos") that Readability keeps as text once the widget is gone.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-captions-credits'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 40,
  match: (_el, text) => LABELS.test(text) || COUNTER.test(text),
};
export default rule;
