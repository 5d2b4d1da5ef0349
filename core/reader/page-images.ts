// Reading an article must not make requests the page never made. Readability "recovers" lazy images: a
// placeholder's data-src, data-original or a <figure data-src> becomes a real <img src>, and <noscript> images
// are unwrapped. The page never asked for those addresses (a tracker may hide behind one, with a user id in its
// query), yet the popup, the in-page view and every opening of the offline copy would fetch them. So the article
// keeps only images the page itself declares in its own <img> and <picture> elements (which it loads, or will
// as they scroll into view), candidate by candidate.
import { srcsetCandidates } from './sanitize.ts';

/** The ways an address may be written in the page and in the article (Readability resolves it, or not). */
function spellings(url: string, bases: string[]): string[] {
  const forms = [url.trim()];
  for (const base of bases) {
    try {
      forms.push(new URL(url.trim(), base).href);
    } catch {
      // not an address against this base
    }
  }
  return forms;
}

/**
 * The addresses of the page's own images: src and every srcset candidate of its img and source elements (as the
 * page survey found them), resolved against the page's base address and its URL.
 */
export function declaredImages(images: readonly Element[], base: string, pageUrl: string): Set<string> {
  const urls = new Set<string>();
  const add = (url: string | null) => {
    if (url?.trim()) for (const form of spellings(url, [base, pageUrl])) urls.add(form);
  };
  for (const el of images) {
    add(el.getAttribute('src'));
    for (const { url } of srcsetCandidates(el.getAttribute('srcset') ?? '')) add(url);
  }
  return urls;
}

/**
 * Drops from `root` (the article) every image address not in `declared`: srcset candidates one by one, then the
 * src (replaced by a declared candidate when one is left), then the image itself when nothing is left.
 * data: images load nothing and stay.
 */
export function keepDeclaredImages(root: Element, declared: Set<string>, pageUrl: string): void {
  const base = root.ownerDocument.baseURI;
  const allowed = (url: string) =>
    /^data:/i.test(url.trim()) || spellings(url, [base, pageUrl]).some((form) => declared.has(form));
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const srcset = img.getAttribute('srcset');
    const kept = srcsetCandidates(srcset ?? '').filter(({ url }) => allowed(url));
    if (srcset !== null) {
      if (kept.length) img.setAttribute('srcset', kept.map((c) => `${c.url} ${c.descriptor}`.trim()).join(', '));
      else img.removeAttribute('srcset');
    }
    const src = img.getAttribute('src');
    if (src === null || allowed(src)) continue;
    if (kept[0]) img.setAttribute('src', kept[0].url);
    else img.remove();
  }
}
