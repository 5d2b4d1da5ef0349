import { TRAILING_CREDIT } from './credits.ts';

const CAPTIONS = 'figcaption, .wp-caption-text, [class*="caption" i], [itemprop="caption"]';

/** With captions kept, drops the credit at their end ("… intérieure. © DR" → "… intérieure."). */
export function stripCaptionCredits(root: Element): void {
  for (const caption of root.querySelectorAll(CAPTIONS)) {
    const walker = caption.ownerDocument.createTreeWalker(caption, 4 /* NodeFilter.SHOW_TEXT */);
    let last: Text | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.trim()) last = n as Text;
    if (!last) continue;
    const stripped = (last.nodeValue ?? '').replace(TRAILING_CREDIT, '');
    if (stripped !== last.nodeValue) {
      last.nodeValue = stripped;
      // A credit in its own element (<span class="credit">© DR</span>) leaves an empty shell.
      const shell = last.parentElement;
      if (shell && shell !== caption && !shell.textContent?.trim()) shell.remove();
    }
  }
}

/**
 * Drops the credit at the end of image alt texts too: screen readers read them, and a
 * browser shows them when the picture cannot load ("… intérieure. © DR").
 */
export function stripAltCredits(root: Element): void {
  for (const img of root.getElementsByTagName('img')) {
    const alt = img.getAttribute('alt');
    if (!alt) continue;
    const stripped = alt.replace(TRAILING_CREDIT, '');
    if (stripped !== alt) img.setAttribute('alt', stripped);
  }
}
