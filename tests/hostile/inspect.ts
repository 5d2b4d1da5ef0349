// What must never be in rendered article HTML, checked the same way on the engine's output (Node, jsdom) and on
// the DOM the browsers actually built (tests/e2e/hostile.e2e.ts runs this very function in the page).
//
// It must stay self-contained (no imports, no closures): the browser tests serialize it into the page.

export interface InspectOptions {
  /** Origin of the page the article comes from: its images may load. */
  pageOrigin: string;
  /** Hosts (`host:port`) whose images an article may show besides the page's own (the CDN of the corpus). */
  imageHosts: string[];
}

/**
 * Every way the subtree under `root` could run script, load something other than the article's images, or
 * clobber a global, as readable strings ("iframe", "img[onerror]", "a[href]=javascript:…"). Empty when clean.
 */
export function inspectArticleDom(root: ParentNode, options: InspectOptions): string[] {
  // Elements that run script, load documents or media, submit, or change the document's base or refresh.
  const FORBIDDEN = new Set([
    'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
    'param', 'portal', 'fencedframe', 'form', 'input', 'button', 'select', 'textarea', 'isindex', 'keygen',
    'template', 'noscript', 'audio', 'video', 'source', 'track', 'use', 'animate', 'set',
    'animatemotion', 'animatetransform', 'foreignobject', 'cursor', 'annotation-xml', 'maction',
  ]); // prettier-ignore
  // Attributes that load something when the element renders (links only navigate when clicked).
  const LOADS = new Set([
    'src', 'srcset', 'poster', 'data', 'action', 'formaction', 'background', 'lowsrc', 'dynsrc', 'ping',
    'codebase', 'archive', 'manifest', 'icon', 'xlink:href', 'longdesc',
  ]); // prettier-ignore
  const LINKS = new Set(['a', 'area']);
  const problems: string[] = [];
  const squash = (value: string) =>
    value
      .toLowerCase()
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200b\u2028\u2029\u205f\u3000\ufeff]/g, '');
  const hostOf = (url: string) => {
    try {
      return new URL(url, options.pageOrigin).host;
    } catch {
      return null;
    }
  };
  const pageHost = hostOf(options.pageOrigin);

  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN.has(tag)) problems.push(tag);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const where = `${tag}[${name}]`;
      const value = squash(attr.value);
      if (name.startsWith('on')) problems.push(where);
      if (name === 'style') problems.push(where);
      if (/^(?:javascript|vbscript|livescript):/.test(value) || /(?:^|[\s,])(?:javascript|vbscript):/.test(value)) {
        problems.push(`${where}=script URL`);
      }
      const dataImage = tag === 'img' && name === 'src' && value.startsWith('data:image/');
      if (value.startsWith('data:') && !dataImage) problems.push(`${where}=data: URL`);
      // url() in presentation attributes (fill, mask, filter…) may fetch another document.
      if (/url\(\s*['"]?(?!#)/.test(value)) problems.push(`${where}=url()`);
      if ((name === 'id' || name === 'name') && !attr.value.startsWith('user-content-')) {
        problems.push(`${where}=${attr.value} (clobbering)`);
      }
      const loads = LOADS.has(name) || (name === 'href' && !LINKS.has(tag));
      if (!loads || value.startsWith('#') || value.startsWith('data:')) continue;
      const urls = name === 'srcset' ? attr.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [attr.value];
      for (const url of urls) {
        const host = hostOf(url.trim());
        const image = tag === 'img' && (name === 'src' || name === 'srcset');
        const allowed = host === pageHost || (image && host !== null && options.imageHosts.includes(host));
        if (!allowed) problems.push(`${where}=${url.trim()} (loads from another host)`);
      }
    }
  }
  return problems;
}
