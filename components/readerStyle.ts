import type { ReaderSettings } from '../core/reader/index.ts';

/** The attributes that give a `.reader` element the reader's settings (components/reader.css reads them). */
export function readerAttributes(settings: ReaderSettings) {
  return {
    'data-theme': settings.theme,
    'data-font': settings.font,
    'data-images': settings.showImages ? 'shown' : 'hidden',
    // Custom properties through the CSSOM (Preact sets them with setProperty): allowed by strict page CSPs,
    // unlike a style attribute in markup.
    style: {
      '--reader-font-size': `${settings.fontSize}px`,
      '--reader-line-width': `${settings.lineWidth}ch`,
      '--reader-line-height': String(settings.lineHeight),
    },
  };
}
