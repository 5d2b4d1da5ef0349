import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, wholeText } from '../rule.ts';

const LABELS = wholeText(
  [
    'image',
    'photo',
    'picture',
    'video',
    'vidéo',
    'zoom',
    'agrandir',
    "agrandir l'image",
    'enlarge',
    'enlarge this image',
    'expand',
    'toggle caption',
    'hide caption',
    'show caption',
    'play',
    'play video',
    'watch video',
    'lire la vidéo',
    'voir la vidéo',
    'voir la galerie',
    'diaporama',
    'galerie',
    'gallery',
    'view gallery',
    'open gallery',
    'bildergalerie',
    'bild vergrößern',
    'galería',
    'galleria',
    'galeria',
    'ver galería',
    'ampliar',
    'ingrandisci',
    'ver vídeo',
  ],
  String.raw`\s*[:：]?(?:\s*\d+\s*(?:/|of|sur|von|de|di)\s*\d+)?`,
);
const COUNTER =
  /^(?:\d+\s*(?:photos?|images?|pictures?|fotos?|bilder|immagini|imágenes|imagens)|(?:image|photo|bild|foto|imagen|immagine|imagem) \d+ (?:of|sur|von|de|di) \d+)$/iu;

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
