// The PROPFIND multistatus parser on what real servers write: Apache mod_dav_fs and nginx dav-ext (as captured from
// the servers the matrix runs), npm webdav-server, Go's x/net/webdav (rclone serve webdav, Caddy, SFTPGo:
// prefixes declared per element, a namespace attribute on collection), sabre/dav (Nextcloud, ownCloud), and a
// default namespace; plus what must not count.
import { describe, expect, it } from 'vitest';
import { hrefSegments, parseMultistatus } from '../../../core/reading-list/webdav/multistatus.ts';

const DATE = 'Wed, 26 Nov 2026 10:00:00 GMT';
const MODIFIED = Date.UTC(2026, 10, 26, 10);

const folder = (href: string, etag: string | null = null, modified: number | null = MODIFIED) => ({
  href,
  collection: true,
  size: null,
  modified,
  etag,
});
const file = (href: string, size: number, etag: string | null = null, modified: number | null = MODIFIED) => ({
  href,
  collection: false,
  size,
  modified,
  etag,
});

describe('the multistatus parser', () => {
  it('Apache mod_dav_fs: lp1: properties declared per response, absent ones in a 404 propstat', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/" xmlns:g0="DAV:">
<D:href>/Lectures%20%c3%a9%20&amp;%20%231/</D:href>
<D:propstat><D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getlastmodified>${DATE}</lp1:getlastmodified>
<lp1:getetag>W/"1000-661a5131f6a92"</lp1:getetag>
</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><g0:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/Lectures%20%c3%a9%20&amp;%20%231/a%20b.json</D:href>
<D:propstat><D:prop>
<lp1:resourcetype/><lp1:getcontentlength>7</lp1:getcontentlength>
<lp1:getlastmodified>${DATE}</lp1:getlastmodified><lp1:getetag>W/"7-661a5131f3bb2"</lp1:getetag>
</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
</D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      folder('/Lectures%20%c3%a9%20&%20%231/', 'W/"1000-661a5131f6a92"'),
      file('/Lectures%20%c3%a9%20&%20%231/a%20b.json', 7, 'W/"7-661a5131f3bb2"'),
    ]);
  });

  it('nginx dav-ext: no ETag, an empty resourcetype for files', () => {
    const xml = `<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:">
<D:response><D:href>/Sync/</D:href><D:propstat><D:prop>
<D:getlastmodified>${DATE}</D:getlastmodified><D:resourcetype><D:collection/></D:resourcetype>
</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
<D:response><D:href>/Sync/a.json</D:href><D:propstat><D:prop>
<D:getcontentlength>7</D:getcontentlength><D:getlastmodified>${DATE}</D:getlastmodified>
<D:resourcetype></D:resourcetype>
</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
</D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([folder('/Sync/'), file('/Sync/a.json', 7)]);
  });

  it('Go (rclone, Caddy, SFTPGo): the collection element declares its own namespace, and so do others', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:">' +
      '<D:response><D:href>/Sync/</D:href><D:propstat><D:prop>' +
      '<D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype>' +
      `<D:getlastmodified>${DATE}</D:getlastmodified><D:displayname>Sync</D:displayname>` +
      '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>' +
      '<D:propstat><D:prop><D:getcontentlength></D:getcontentlength></D:prop>' +
      '<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>' +
      '<D:response xmlns:D="DAV:"><D:href xmlns:D="DAV:">/Sync/articles/</D:href><D:propstat><D:prop>' +
      '<D:resourcetype xmlns:D="DAV:"><D:collection xmlns:D="DAV:"/></D:resourcetype>' +
      '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>' +
      '<D:response><D:href>/Sync/chrome.json</D:href><D:propstat><D:prop>' +
      '<D:resourcetype></D:resourcetype><D:getcontentlength xmlns:D="DAV:">512</D:getcontentlength>' +
      `<D:getlastmodified>${DATE}</D:getlastmodified><D:getetag xmlns:D="DAV:">"18a2f3c0d1e2f-200"</D:getetag>` +
      '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>';
    expect(parseMultistatus(xml)).toEqual([
      folder('/Sync/'),
      folder('/Sync/articles/', null, null),
      file('/Sync/chrome.json', 512, '"18a2f3c0d1e2f-200"'),
    ]);
  });

  it('sabre/dav (Nextcloud, ownCloud): d: prefix, extra vocabularies, quoted ETags as entities', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/ClearReader/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>
   <d:getlastmodified>${DATE}</d:getlastmodified><d:getetag>&quot;6565a0c3b1f2e&quot;</d:getetag></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response><d:href>/remote.php/dav/files/alice/ClearReader/chrome-1.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>1234</d:getcontentlength>
   <d:getlastmodified>${DATE}</d:getlastmodified><d:getetag>&quot;c0ffee&quot;</d:getetag></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      folder('/remote.php/dav/files/alice/ClearReader/', '"6565a0c3b1f2e"'),
      file('/remote.php/dav/files/alice/ClearReader/chrome-1.json', 1234, '"c0ffee"'),
    ]);
  });

  it('npm webdav-server: absolute hrefs, # and & left as they are', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response>' +
      '<D:href>http://127.0.0.1:42085/Lectures%20%C3%A9%20&amp;%20#1/a%20b.json</D:href>' +
      '<D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:resourcetype/>' +
      '<D:getetag>"63894c6307f78dfe"</D:getetag><D:getcontentlength>7</D:getcontentlength></D:prop></D:propstat>' +
      '</D:response></D:multistatus>';
    const [entry] = parseMultistatus(xml);
    expect(entry).toEqual(
      file('http://127.0.0.1:42085/Lectures%20%C3%A9%20&%20#1/a%20b.json', 7, '"63894c6307f78dfe"', null),
    );
    expect(hrefSegments(entry!.href)).toEqual(['Lectures é & #1', 'a b.json']);
  });

  it('a default namespace, CDATA and comments', () => {
    const xml =
      '<multistatus xmlns="DAV:"><!-- a <response> in a comment --><response><href><![CDATA[/a&amp;b.json]]></href>' +
      '<propstat><prop><getcontentlength>3</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat>' +
      '</response></multistatus>';
    expect(parseMultistatus(xml)).toEqual([file('/a&amp;b.json', 3, null, null)]);
  });

  it('does not count a collection of another vocabulary, nor properties of a failed propstat or response', () => {
    const xml =
      '<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:X="urn:other">' +
      '<D:response><D:href>/cal/</D:href><D:propstat><D:prop><D:resourcetype><C:calendar/><X:collection/>' +
      '</D:resourcetype><D:getcontentlength>0</D:getcontentlength></D:prop>' +
      '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>' +
      '<D:response><D:href>/gone.json</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>' +
      '<D:response><D:href>/a.json</D:href><D:propstat><D:prop><D:getcontentlength>9</D:getcontentlength>' +
      '<D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status>' +
      '</D:propstat></D:response></D:multistatus>';
    expect(parseMultistatus(xml)).toEqual([
      file('/cal/', 0, null, null),
      { href: '/a.json', collection: false, size: null, modified: null, etag: null },
    ]);
  });

  it('ignores a DTD and its entities (no expansion), and anything that is not a multistatus', () => {
    const xml =
      '<!DOCTYPE d [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>' +
      '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/&y;.json</d:href></d:response></d:multistatus>';
    expect(parseMultistatus(xml)).toEqual([
      { href: '/&y;.json', collection: false, size: null, modified: null, etag: null },
    ]);
    expect(parseMultistatus('<html><body>Welcome</body></html>')).toEqual([]);
    expect(parseMultistatus('')).toEqual([]);
    expect(parseMultistatus('<d:multistatus xmlns:d="DAV:"><d:response><d:href>/cut')).toEqual([]);
  });

  it('decodes href segments, absolute or not, keeping what does not decode', () => {
    expect(hrefSegments('/dav/a%20b/%C3%A9t%C3%A9.json')).toEqual(['dav', 'a b', 'été.json']);
    expect(hrefSegments('https://cloud.example.org/dav/x%2Fy/')).toEqual(['dav', 'x/y']);
    expect(hrefSegments('/dav/100%/')).toEqual(['dav', '100%']);
  });
});
