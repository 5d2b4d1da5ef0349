// The host permission for the reader's WebDAV server: asked for at run time, for that one server only. A module of
// its own so that the options page takes these few lines without the sync service (and the reading-list engine
// it starts).
import { browser } from 'wxt/browser';

/**
 * The host permission pattern for a server address, requested at run time for that host only. Without its port:
 * Firefox's match patterns take none (and a pattern without one covers every port in both browsers).
 */
export function originPattern(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return /^https?:$/.test(url.protocol) ? `${url.protocol}//${url.hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Asks the reader for access to the server's origin. Call it in the click itself: browsers require the user's
 * gesture for a permission prompt.
 */
export function requestOrigin(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [origin] });
}

/** Whether the reader granted access to the server of this address. */
export async function hasOrigin(baseUrl: string): Promise<boolean> {
  const origin = originPattern(baseUrl);
  return !!origin && (await browser.permissions.contains({ origins: [origin] }));
}
