// Serves the hostile corpus for the browser tests, on three hosts of the loopback network:
//   127.0.0.1  the pages and their own photos;
//   127.0.0.2  the sentinel: every payload's request goes here, so any request that reaches it is a leak;
//   127.0.0.3  a CDN with the photos some articles host elsewhere (only `<img>` loads are allowed there).
// The sentinel and the CDN log every request they get; the page server logs the requests for its photos (what
// the tests count, whichever tab or browser asked). The sentinel answers 204 No Content, which also keeps a
// page whose own <meta http-equiv="refresh"> points there from navigating away.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { OWN_IMAGE_PATH, buildPage, pathOf, type Hosts } from '../hostile/page.ts';
import { VECTORS, type Vector } from '../hostile/vectors.ts';
import { serveOnFreePort } from '../support/free-port.ts';

/** A stand-in photo (any path under /img/). */
const PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450">
<rect width="800" height="450" fill="#5b7fa6"/><path d="M0 330 Q200 280 400 330 T800 330 V450 H0Z" fill="#2f4d6e"/></svg>`;

/**
 * The page's own Content Security Policy when asked for (`?quiet`): the page's own payloads neither run nor load
 * anything, so the only requests left to see are the extension's. It does not change what the extension reads.
 */
export const QUIET_CSP = "default-src 'self'; script-src 'none'; style-src 'none'; object-src 'none'; frame-src 'none'";

export interface Hit {
  host: 'sentinel' | 'cdn' | 'page';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface HostileServers {
  /** `http://127.0.0.1:<port>` */
  pageOrigin: string;
  hosts: Hosts;
  /** The article page of a vector; `quiet`: under QUIET_CSP. */
  url: (vector: Vector, quiet?: boolean) => string;
  /** Every request the sentinel and the CDN received, and the page server's photo requests, in order. */
  hits: Hit[];
  close: () => Promise<void>;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startHostileServers(): Promise<HostileServers> {
  const hits: Hit[] = [];
  const log = (host: Hit['host']) => (method: string, path: string, headers: IncomingHttpHeaders) =>
    hits.push({ host, method, path, headers, at: Date.now() });
  const logSentinel = log('sentinel');
  const logCdn = log('cdn');
  const logPage = log('page');

  const sentinel = createServer((req, res) => {
    logSentinel(req.method ?? 'GET', req.url ?? '/', req.headers);
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
  });
  const cdn = createServer((req, res) => {
    const path = req.url ?? '/';
    logCdn(req.method ?? 'GET', path, req.headers);
    if (!path.startsWith(OWN_IMAGE_PATH)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }).end(PHOTO_SVG);
  });
  const sentinelOrigin = await serveOnFreePort(sentinel, '127.0.0.2');
  const cdnOrigin = await serveOnFreePort(cdn, '127.0.0.3');
  const hosts: Hosts = { sentinel: sentinelOrigin, cdn: cdnOrigin };

  const byPath = new Map(VECTORS.map((vector) => [pathOf(vector), vector]));
  const pages = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (url.pathname.startsWith(OWN_IMAGE_PATH)) {
      logPage(req.method ?? 'GET', url.pathname, req.headers);
      return void res.writeHead(200, { ...headers, 'content-type': 'image/svg+xml' }).end(PHOTO_SVG);
    }
    const vector = byPath.get(url.pathname);
    if (!vector) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (url.searchParams.has('quiet')) headers['content-security-policy'] = QUIET_CSP;
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(buildPage(vector, hosts));
  });
  const pageOrigin = await serveOnFreePort(pages, '127.0.0.1');

  return {
    pageOrigin,
    hosts,
    url: (vector, quiet = false) => `${pageOrigin}${pathOf(vector)}${quiet ? '?quiet' : ''}`,
    hits,
    close: async () => {
      await Promise.all([stop(pages), stop(sentinel), stop(cdn)]);
    },
  };
}
