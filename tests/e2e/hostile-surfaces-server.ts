// Serves the surface-attack pages (tests/hostile/surfaces.ts) on 127.0.0.1 and a sentinel on 127.0.0.2, and logs
// every request both get: any request to the sentinel, and any to the page server's /track/ paths (addresses the
// page itself never loads), is the reader's doing.
import { createServer, type Server } from 'node:http';
import { SURFACE_PAGES, buildSurfacePage, type SurfacePage } from '../hostile/surfaces.ts';
import { serveOnFreePort } from '../support/free-port.ts';

const PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450">
<rect width="800" height="450" fill="#5b7fa6"/></svg>`;

export interface SurfaceHit {
  host: 'page' | 'sentinel';
  path: string;
}

export interface SurfaceServers {
  pageOrigin: string;
  sentinel: string;
  /** The page of `surface`, telling it the extension's id. */
  url: (surface: SurfacePage, extensionId: string) => string;
  hits: SurfaceHit[];
  close: () => Promise<void>;
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startSurfaceServers(): Promise<SurfaceServers> {
  const hits: SurfaceHit[] = [];
  const sentinelServer = createServer((req, res) => {
    hits.push({ host: 'sentinel', path: req.url ?? '/' });
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
  });
  const sentinel = await serveOnFreePort(sentinelServer, '127.0.0.2');
  const byPath = new Map(SURFACE_PAGES.map((surface) => [`/surface/${surface.id}/`, surface]));
  const pages = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push({ host: 'page', path: url.pathname + url.search });
    const headers = { 'cache-control': 'no-store' };
    if (url.pathname.startsWith('/img/') || url.pathname.startsWith('/track/')) {
      return void res.writeHead(200, { ...headers, 'content-type': 'image/svg+xml' }).end(PHOTO_SVG);
    }
    const surface = byPath.get(url.pathname);
    if (!surface) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res
      .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
      .end(buildSurfacePage(surface, sentinel));
  });
  const pageOrigin = await serveOnFreePort(pages, '127.0.0.1');
  return {
    pageOrigin,
    sentinel,
    url: (surface, extensionId) => `${pageOrigin}/surface/${surface.id}/?ext=${encodeURIComponent(extensionId)}`,
    hits,
    close: async () => {
      await Promise.all([stop(pages), stop(sentinelServer)]);
    },
  };
}
