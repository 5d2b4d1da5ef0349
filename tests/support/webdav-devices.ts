// What the WebDAV tests share: a device (a reading list over in-memory stores, with its clock and its offline
// copies), articles and their copies, a server-side look at files (raw requests), and a fetch that counts and can
// break requests.
import {
  createMemoryLocalStore,
  createMemorySyncArea,
  createReadingList,
  createWebDavClient,
  syncWithWebDav,
  ARTICLES_FOLDER,
  type ArticleCopy,
  type ArticleCopyStore,
  type NewItem,
  type WebDavClient,
  type WebDavClientOptions,
  type WebDavSyncOptions,
  type WebDavSyncResult,
} from '../../core/reading-list/index.ts';
import { sampleArticle, withoutCleanupLog } from './article.ts';
import type { DavServer } from './webdav-server.ts';

const never = { set: () => 0, clear: () => undefined };

export function article(n: number, lang: 'fr' | 'en' = 'fr'): NewItem {
  return lang === 'fr'
    ? {
        url: `https://www.lemonde.fr/politique/article/2025/03/10/histoire-${n}.html`,
        title: `Une histoire numéro ${n}`,
        site: 'Le Monde',
        lang: 'fr',
        excerpt: `Le début de l’histoire ${n}.`,
      }
    : {
        url: `https://www.theguardian.com/world/2025/mar/10/secret-story-${n}`,
        title: `Secret headline number ${n}`,
        site: 'The Guardian',
        lang: 'en',
        excerpt: `The excerpt of story ${n}.`,
      };
}

/** An offline copy of article(n) for item `id`; `bodyBytes` pads its text to about that size. */
export function copyOf(id: string, n: number, bodyBytes = 0): ArticleCopy {
  const text = `Le texte secret de l’histoire ${n}, qui reste lisible hors ligne.` + ' lorem'.repeat(bodyBytes / 6);
  return {
    id,
    savedAt: Date.UTC(2025, 5, 1),
    article: withoutCleanupLog(
      sampleArticle({
        url: article(n).url,
        title: article(n).title,
        byline: 'Claire Dupont',
        siteName: 'Le Monde',
        lang: 'fr',
        dir: null,
        publishedTime: '2025-03-10T08:00:00.000Z',
        publisherSummary: null,
        contentHtml: `<div><p>${text}</p></div>`,
        text,
        wordCount: 11,
        readingTimeMinutes: 1,
      }),
    ),
    summary: [{ text: `Le texte secret de l’histoire ${n}.`, paragraph: 0 }],
  };
}

export function memoryStore(): ArticleCopyStore & { copies: Map<string, ArticleCopy> } {
  const copies = new Map<string, ArticleCopy>();
  return {
    copies,
    ids: () => Promise.resolve(new Set(copies.keys())),
    get: (id) => Promise.resolve(copies.get(id) ?? null),
    put: (copy) => {
      copies.set(copy.id, copy);
      return Promise.resolve();
    },
  };
}

/** A browser profile: its reading list (in-memory stores), its clock, and its offline copies. */
export async function device(deviceId: string) {
  const clock = { now: Date.UTC(2025, 5, 1) };
  const local = createMemoryLocalStore();
  const sync = createMemorySyncArea({ now: () => clock.now });
  const list = createReadingList({ deviceId, local, sync, now: () => clock.now, timers: never, compress: false });
  await list.load();
  return { list, local, sync, clock, deviceId, store: memoryStore() };
}

export type Device = Awaited<ReturnType<typeof device>>;

export async function saveWithCopy(d: Device, n: number, bodyBytes = 0) {
  const item = await d.list.save(article(n));
  await d.store.put(copyOf(item.id, n, bodyBytes));
  return item;
}

/** A request as a client would make it, bypassing ours (to look at or tamper with the server's files). */
export async function rawRequest(server: DavServer, method: string, path: string, body?: string) {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** The path of a folder as the client writes it (each segment encoded), with a trailing slash. */
export const folderPath = (folder: string) =>
  folder
    .split('/')
    .map((s) => encodeURIComponent(s) + '/')
    .join('');

/** The address of a fetch call, whatever form it came in. */
export const urlOf = (input: RequestInfo | URL): string =>
  input instanceof Request ? input.url : input instanceof URL ? input.href : input;

/** The bytes of a fetch call's text body (0 without one). */
export const bodyBytes = (init?: RequestInit): number =>
  typeof init?.body === 'string' ? new TextEncoder().encode(init.body).length : 0;

/** A fetch that logs every request ("METHOD path"), and can answer some itself instead of the server. */
export function recordingFetch(intercept?: (method: string, url: URL) => Response | Promise<Response> | null) {
  const log: string[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const url = new URL(urlOf(input));
    const method = init?.method ?? 'GET';
    log.push(`${method} ${decodeURIComponent(url.pathname)}`);
    const answer = intercept?.(method, url);
    return answer ? Promise.resolve(answer) : fetch(input, init);
  };
  return {
    fetch: fetchFn,
    log,
    count: (method: string) => log.filter((line) => line.startsWith(`${method} `)).length,
    clear: () => log.splice(0),
  };
}

/** The list client and the articles client for a folder of a server. */
export function clientsFor(server: DavServer, folder: string, options: WebDavClientOptions = {}) {
  const config = { baseUrl: server.url, user: server.user, password: server.password };
  return {
    folder,
    list: createWebDavClient({ ...config, folder }, options),
    articles: createWebDavClient({ ...config, folder: `${folder}/${ARTICLES_FOLDER}` }, options),
  };
}

const memos = new WeakMap<Device, unknown>();

/** Syncs a device as the background does: the memo of its last successful sync is passed back in. */
export async function syncDevice(
  d: Device,
  client: WebDavClient,
  options: Partial<WebDavSyncOptions> = {},
): Promise<WebDavSyncResult> {
  const result = await syncWithWebDav(d.list, client, { deviceId: d.deviceId, memo: memos.get(d), ...options });
  if (result.ok) memos.set(d, result.memo);
  return result;
}
