// The WebDAV client against every answer a server can give, through real HTTP on 127.0.0.1 (a scripted server):
// each status becomes a problem with the facts the reader needs (a redirect's target, how long to wait, the size
// refused), a stalled answer passes its one deadline for headers and body, TLS, DNS and closed ports are told
// apart, and credentials typed into the address are refused before any request.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addressProblem,
  createWebDavClient,
  retryAfterSeconds,
  type WebDavClient,
  type WebDavProblem,
} from '../../../core/reading-list/index.ts';
import {
  freePort,
  startScriptedServer,
  type ScriptedAnswer,
  type ScriptedServer,
} from '../../support/webdav-server.ts';

const PASSWORD = 'mot-de-passe-é€';
const MULTISTATUS = `<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:"><d:response>
<d:href>/dav/Sync/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>
<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function scripted(script: (method: string, path: string) => ScriptedAnswer | null, timeoutMs = 10_000) {
  server = await startScriptedServer(script);
  const client = createWebDavClient(
    { baseUrl: `${server.url}dav/`, user: 'lecteur', password: PASSWORD, folder: 'Sync' },
    { timeoutMs },
  );
  return client;
}

/** The problem a call ends with (it must fail). */
async function problemOf(call: Promise<unknown>): Promise<WebDavProblem> {
  try {
    await call;
  } catch (error) {
    const problem = (error as { problem?: WebDavProblem }).problem;
    if (problem) return problem;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('what each HTTP status means', () => {
  it.each([
    [401, {}, { code: 'auth', status: 401 }],
    [403, {}, { code: 'forbidden', status: 403 }],
    [404, {}, { code: 'not-found', status: 404 }],
    [409, {}, { code: 'conflict', status: 409 }],
    [412, {}, { code: 'precondition', status: 412 }],
    [423, {}, { code: 'locked', status: 423 }],
    [429, { 'Retry-After': '120' }, { code: 'rate-limited', status: 429, retryAfterSeconds: 120 }],
    [429, {}, { code: 'rate-limited', status: 429 }],
    [500, {}, { code: 'server-error', status: 500 }],
    [501, {}, { code: 'not-webdav', status: 501 }],
    [502, {}, { code: 'unavailable', status: 502 }],
    [503, { 'Retry-After': '30' }, { code: 'unavailable', status: 503, retryAfterSeconds: 30 }],
    [504, {}, { code: 'unavailable', status: 504 }],
    [507, {}, { code: 'full', status: 507 }],
    [418, {}, { code: 'unexpected', status: 418 }],
  ])('a PUT answered %i', async (status, headers, expected) => {
    const client = await scripted(() => ({ status, headers }));
    const problem = await problemOf(client.put('a.json', '{}'));
    expect(problem).toEqual(expected);
  });

  it('413: says how large the refused file was, in bytes (not UTF-16 units)', async () => {
    const client = await scripted(() => ({ status: 413 }));
    const body = JSON.stringify({ text: 'é'.repeat(1000) });
    expect(await problemOf(client.put('a.json', body))).toEqual({ code: 'too-large', status: 413, bytes: 2011 });
  });

  it.each([
    [405, { code: 'not-webdav', status: 405 }],
    [501, { code: 'not-webdav', status: 501 }], // a plain web server: not "the server failed"
    [500, { code: 'server-error', status: 500 }],
    [401, { code: 'auth', status: 401 }],
    [404, { code: 'not-found', status: 404 }],
  ])('a connection test answered %i', async (status, expected) => {
    const client = await scripted(() => ({ status }));
    expect(await client.testConnection()).toEqual({ ok: false, problem: expected });
  });

  it('a web page instead of a multistatus is not WebDAV, whatever its status', async () => {
    const page = { 'Content-Type': 'text/html' };
    let client = await scripted(() => ({ status: 200, headers: page, body: '<html>Welcome</html>' }));
    expect(await client.testConnection()).toEqual({ ok: false, problem: { code: 'not-webdav', status: 200 } });
    await server!.stop();
    client = await scripted(() => ({ status: 207, headers: page, body: '<html>Welcome</html>' }));
    expect(await client.testConnection()).toEqual({ ok: false, problem: { code: 'not-webdav', status: 207 } });
  });

  it.each([301, 302, 307, 308])('a redirect (%i) names its target, made absolute', async (status) => {
    const client = await scripted(() => ({ status, headers: { Location: '/remote.php/dav/files/alice/' } }));
    const result = await client.testConnection();
    expect(result).toEqual({
      ok: false,
      problem: { code: 'redirect', status, location: `${server!.url}remote.php/dav/files/alice/` },
    });
  });

  it('a redirect is not followed: credentials never go to its target', async () => {
    const elsewhere = await startScriptedServer(() => ({ status: 207, body: MULTISTATUS }));
    try {
      const client = await scripted(() => ({ status: 302, headers: { Location: elsewhere.url } }));
      expect(await client.testConnection()).toMatchObject({ ok: false, problem: { code: 'redirect' } });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(retryAfterSeconds('90', now)).toBe(90);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 12:05:00 GMT', now)).toBe(300);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});

describe('one deadline for headers and body', () => {
  it('a server that sends its headers and then stalls fails the request at its deadline', async () => {
    const client = await scripted(() => ({ stall: 'after-headers' }), 300);
    expect(await problemOf(client.get('a.json'))).toEqual({ code: 'timeout', seconds: 1 });
    expect(await problemOf(client.listFiles())).toMatchObject({ code: 'timeout' });
  });

  it('a server that never answers fails the same way', async () => {
    const client = await scripted(() => ({ stall: 'before-headers' }), 300);
    expect(await problemOf(client.put('a.json', '{}'))).toMatchObject({ code: 'timeout' });
    expect(await client.testConnection()).toMatchObject({ ok: false, problem: { code: 'timeout' } });
  });

  it('the deadline grows with the size moved, so a large upload on a slow link is not cut', async () => {
    const seen: number[] = [];
    const client = createWebDavClient(
      { baseUrl: 'http://127.0.0.1:9/', user: 'u', password: 'p', folder: 'Sync' },
      {
        timeoutMs: 1_000,
        fetch: (_input, init) =>
          new Promise((_resolve, reject) => {
            const started = Date.now();
            init!.signal!.addEventListener('abort', () => {
              seen.push(Date.now() - started);
              reject(new Error('aborted'));
            });
          }),
      },
    );
    const stalled = problemOf(client.put('big.json', 'x'.repeat(100 * 1024)));
    // 1 s plus 20 ms per KB: 3 s. Checked by its reported limit, not by the clock.
    expect(await stalled).toEqual({ code: 'timeout', seconds: 3 });
  });

  it('a connection cut in the middle of the body is "connection broke", not "unreachable"', async () => {
    const client = await scripted(() => ({ hangUp: 'mid-body' }));
    expect(await problemOf(client.get('a.json'))).toEqual({ code: 'connection-broke' });
  });

  it("the sync's signal aborts a request at once, and no request starts after it", async () => {
    const controller = new AbortController();
    server = await startScriptedServer(() => ({ stall: 'after-headers' }));
    const client = createWebDavClient(
      { baseUrl: server.url, user: 'u', password: 'p', folder: 'Sync' },
      { timeoutMs: 60_000, signal: controller.signal },
    );
    const stalled = problemOf(client.get('a.json'));
    await waitFor(() => server!.requests.length === 1);
    controller.abort();
    expect(await stalled).toEqual({ code: 'abandoned' });
    expect(await problemOf(client.get('b.json'))).toEqual({ code: 'abandoned' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('the way to the server', () => {
  it('a closed port is unreachable', async () => {
    const port = await freePort();
    const client = createWebDavClient({ baseUrl: `http://127.0.0.1:${port}/`, user: 'u', password: 'p', folder: 'x' });
    expect(await client.testConnection()).toEqual({
      ok: false,
      problem: { code: 'unreachable', host: '127.0.0.1' },
    });
  });

  it('a certificate the runtime does not trust is a TLS problem, with the host', async () => {
    const fixtures = new URL('../../fixtures-webdav/', import.meta.url);
    const https = createHttpsServer(
      {
        key: readFileSync(new URL('self-signed.key', fixtures)),
        cert: readFileSync(new URL('self-signed.crt', fixtures)),
      },
      (_req, res) => res.writeHead(207).end(MULTISTATUS),
    );
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = https.address() as AddressInfo;
      const client = createWebDavClient({
        baseUrl: `https://127.0.0.1:${port}/`,
        user: 'u',
        password: 'p',
        folder: 'x',
      });
      expect(await client.testConnection()).toEqual({ ok: false, problem: { code: 'tls', host: '127.0.0.1' } });
    } finally {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
    }
  });

  it('a name no DNS knows is a DNS problem (the error as Node gives it; no test reaches a real resolver)', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND cloud.example.invalid'), { code: 'ENOTFOUND' });
    const client = createWebDavClient(
      { baseUrl: 'https://cloud.example.invalid/dav/', user: 'u', password: 'p', folder: 'x' },
      { fetch: () => Promise.reject(new TypeError('fetch failed', { cause: notFound })) },
    );
    expect(await client.testConnection()).toEqual({
      ok: false,
      problem: { code: 'dns', host: 'cloud.example.invalid' },
    });
  });

  it('a browser’s bare "Failed to fetch" is unreachable', async () => {
    const client = createWebDavClient(
      { baseUrl: 'https://cloud.example.org/dav/', user: 'u', password: 'p', folder: 'x' },
      { fetch: () => Promise.reject(new TypeError('Failed to fetch')) },
    );
    expect(await client.testConnection()).toMatchObject({ ok: false, problem: { code: 'unreachable' } });
  });
});

describe('the address as typed', () => {
  it('credentials typed into the address are refused before any request, and never repeated', async () => {
    server = await startScriptedServer(() => ({ status: 207, body: MULTISTATUS }));
    const typed = server.url.replace('http://', 'http://alice:hunter2@');
    expect(addressProblem(typed)).toEqual({ code: 'credentials-in-address' });
    const client = createWebDavClient({ baseUrl: typed, user: 'alice', password: 'hunter2', folder: 'x' });
    const result = await client.testConnection();
    expect(result).toEqual({ ok: false, problem: { code: 'credentials-in-address' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(await problemOf(client.listFiles())).toEqual({ code: 'credentials-in-address' });
    expect(server.requests).toEqual([]);
  });

  it.each(['', 'cloud.example.org', 'ftp://cloud.example.org/', 'https://'])('%j is not an address', (typed) => {
    expect(addressProblem(typed)).toEqual({ code: 'bad-address' });
  });

  it('refuses http:// to another computer, and takes it for a server on this one', () => {
    expect(addressProblem('http://cloud.example.org/dav/')).toEqual({
      code: 'insecure-address',
      host: 'cloud.example.org',
    });
    expect(addressProblem('http://192.168.1.20/dav/')).toMatchObject({ code: 'insecure-address' });
    for (const local of ['http://127.0.0.1:8080/dav/', 'http://localhost/dav', 'http://[::1]:9/']) {
      expect(addressProblem(local), local).toBeNull();
    }
  });

  it('takes an address with or without its final slash, with spaces around', () => {
    expect(addressProblem('  https://cloud.example.org/remote.php/dav/files/alice ')).toBeNull();
  });
});

describe('folders', () => {
  it('creates each missing level once; a folder already there (405, as sabre/dav and Apache answer) is fine', async () => {
    const client = await scripted((method) => (method === 'MKCOL' ? { status: 405 } : null));
    await client.ensureFolder();
    expect(server!.requests).toEqual(['MKCOL /dav/Sync/']);
  });

  it('a 301 to MKCOL is a redirect to report, not a folder already there', async () => {
    const client = await scripted(() => ({
      status: 301,
      headers: { Location: 'https://cloud.example.org/dav/Sync/' },
    }));
    expect(await problemOf(client.ensureFolder())).toEqual({
      code: 'redirect',
      status: 301,
      location: 'https://cloud.example.org/dav/Sync/',
    });
  });

  it('a missing folder is null to listFolder, and a failure in the listing is not said to be the folder’s creation', async () => {
    let client: WebDavClient = await scripted(() => ({ status: 404 }));
    expect(await client.listFolder()).toBeNull();
    await server!.stop();
    client = await scripted(() => ({ status: 503 }));
    expect(await problemOf(client.listFolder())).toEqual({ code: 'unavailable', status: 503 });
    expect(server!.requests).toEqual(['PROPFIND /dav/Sync/']);
  });

  it('reads a file a sabre/dav server serves as application/octet-stream', async () => {
    const client = await scripted(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: '{"format":"clear-reader-sync"}',
    }));
    expect(await client.get('a.json')).toBe('{"format":"clear-reader-sync"}');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
