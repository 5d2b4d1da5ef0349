// The PROPFIND multistatus answer, read by namespace rather than by prefix: servers spell DAV: elements many ways
// (`D:` declared once on the root, Apache's `lp1:` declared per response, Go's `<D:collection xmlns:D="DAV:"/>`
// declared on the element itself, sabre/dav's `d:`, a default namespace without prefix). Only properties of a
// propstat whose status is 2xx count: Apache and Go list absent properties in a 404 propstat.
//
// A small scanner, not a full XML parser: no DTDs or entity declarations are honoured (they are skipped), which
// also keeps a hostile server from expanding entities.

export interface MultistatusEntry {
  /** As the server wrote it, entities decoded, percent-encoding kept. */
  href: string;
  collection: boolean;
  size: number | null;
  /** ms since 1970, when the server says. */
  modified: number | null;
  etag: string | null;
}

const DAV = 'DAV:';
const PROPS = ['resourcetype', 'getcontentlength', 'getlastmodified', 'getetag'] as const;
type Prop = (typeof PROPS)[number];

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

interface Element {
  /** Local name, lower-cased. */
  name: string;
  /** DAV: or undeclared (tolerated as DAV:); anything else is another vocabulary. */
  dav: boolean;
  scope: Map<string, string>;
}

interface Propstat {
  props: Partial<Record<Exclude<Prop, 'resourcetype'>, string>>;
  collection: boolean;
  status: number | null;
}

interface Response {
  href: string | null;
  propstats: Propstat[];
  status: number | null;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function statusOf(text: string): number | null {
  const match = /\b([1-5]\d\d)\b/.exec(text);
  return match ? Number(match[1]) : null;
}

const ok = (status: number | null) => status === null || (status >= 200 && status < 300);

/** The entries of a PROPFIND multistatus answer (empty when there are none or it is not one). */
export function parseMultistatus(xml: string): MultistatusEntry[] {
  const stack: Element[] = [];
  const responses: Response[] = [];
  let response: Response | null = null;
  let propstat: Propstat | null = null;
  let text = '';
  const inside = (name: string) => stack.some((e) => e.dav && e.name === name);
  const parentIs = (name: string) => {
    const parent = stack[stack.length - 1];
    return !!parent && parent.dav && parent.name === name;
  };

  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    text += xml.slice(i, lt);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      // CDATA is literal text: escape what decodeEntities would otherwise read as an entity.
      text += xml.slice(lt + 9, end < 0 ? xml.length : end).replace(/&/g, '&amp;');
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      i = end < 0 ? xml.length : end + 1;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;

    if (tag.startsWith('/')) {
      const closed = stack.pop();
      if (!closed) continue;
      const value = decodeEntities(text).trim();
      text = '';
      if (!closed.dav) continue;
      if (closed.name === 'href' && response && parentIs('response')) response.href = value;
      else if (closed.name === 'status' && propstat && parentIs('propstat')) propstat.status = statusOf(value);
      else if (closed.name === 'status' && response && !propstat && parentIs('response')) {
        response.status = statusOf(value);
      } else if (propstat && parentIs('prop') && (PROPS as readonly string[]).includes(closed.name)) {
        if (closed.name !== 'resourcetype') propstat.props[closed.name as Exclude<Prop, 'resourcetype'>] = value;
      } else if (closed.name === 'propstat' && response && propstat) {
        response.propstats.push(propstat);
        propstat = null;
      } else if (closed.name === 'response' && response) {
        responses.push(response);
        response = null;
      }
      continue;
    }

    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameEnd = body.search(/[\s/]|$/);
    const qualified = body.slice(0, nameEnd);
    const scope = new Map(stack[stack.length - 1]?.scope);
    for (const match of body.slice(nameEnd).matchAll(ATTRIBUTE)) {
      const [, attribute, double, single] = match;
      const value = decodeEntities(double ?? single ?? '');
      if (attribute === 'xmlns') scope.set('', value);
      else if (attribute!.startsWith('xmlns:')) scope.set(attribute!.slice(6), value);
    }
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    const namespace = scope.get(prefix);
    const element: Element = {
      name: qualified.slice(colon + 1).toLowerCase(),
      dav: namespace === undefined || namespace === '' || namespace === DAV,
      scope,
    };
    text = '';
    if (element.dav) {
      if (element.name === 'response') response = { href: null, propstats: [], status: null };
      else if (element.name === 'propstat' && response) propstat = { props: {}, collection: false, status: null };
      else if (element.name === 'collection' && propstat && inside('resourcetype')) propstat.collection = true;
    }
    if (!selfClosing) stack.push(element);
  }

  return responses.flatMap((r) => {
    if (!r.href || !ok(r.status)) return [];
    const good = r.propstats.filter((p) => ok(p.status));
    const prop = (name: Exclude<Prop, 'resourcetype'>) => good.find((p) => p.props[name])?.props[name] ?? null;
    const size = prop('getcontentlength');
    const modified = Date.parse(prop('getlastmodified') ?? '');
    return [
      {
        href: r.href,
        collection: good.some((p) => p.collection),
        size: size !== null && /^\d+$/.test(size) ? Number(size) : null,
        modified: Number.isFinite(modified) ? modified : null,
        etag: prop('getetag'),
      },
    ];
  });
}

/** The decoded path segments of an href (absolute URL or path). `#` and `?` are part of names here: some servers
 * (npm webdav-server) leave them unencoded in hrefs. */
export function hrefSegments(href: string): string[] {
  const path = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}
