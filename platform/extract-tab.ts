import { browser } from 'wxt/browser';
import {
  OPTIONS_GLOBAL,
  isPageResult,
  pageFailure,
  type PageFailure,
  type PageOptions,
  type PageResult,
} from '../contracts/page.ts';
import { errorMessage } from '../core/util/index.ts';
import { withTimeout } from './with-timeout.ts';

export type { PageFailure, PageFailureReason, PageOptions, PageResult } from '../contracts/page.ts';

/** Path of the built extraction script (entrypoints/extract.ts), the same in the Chrome and Firefox builds. */
export const EXTRACT_SCRIPT_FILE = '/extract.js';

/** A tab that never answers (a hung page) must not leave the popup spinning forever. */
const INJECTION_TIMEOUT_MS = 20_000;

// Schemes extensions can script. Everything else (chrome:, edge:, about:, view-source:, chrome-extension:,
// moz-extension:, resource:, data:, blob:, devtools:...) is off limits to every extension.
const SCRIPTABLE_SCHEMES = new Set(['http:', 'https:', 'file:']);

// Hosts browsers refuse to let extensions script, whatever their permissions: the add-on stores, and Firefox's
// `extensions.webextensions.restrictedDomains` default list.
const RESTRICTED_HOSTS = new Set([
  'chromewebstore.google.com',
  'microsoftedge.microsoft.com',
  'addons.mozilla.org',
  'accounts-static.cdn.mozilla.net',
  'accounts.firefox.com',
  'addons.cdn.mozilla.net',
  'api.accounts.firefox.com',
  'content.cdn.mozilla.net',
  'discovery.addons.mozilla.org',
  'install.mozilla.org',
  'oauth.accounts.firefox.com',
  'profile.accounts.firefox.com',
  'support.mozilla.org',
  'sync.services.mozilla.com',
]);

/**
 * Why a URL cannot be read before even trying, or null when it may be. Pure: exported for unit tests.
 * Unknown URLs (no access granted yet) are left to the injection to decide.
 */
export function classifyUrl(url: string | undefined): PageFailure | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return pageFailure('restricted', `not a URL: ${url}`);
  }
  if (!SCRIPTABLE_SCHEMES.has(parsed.protocol)) {
    return pageFailure('restricted', `${parsed.protocol} pages cannot be read by extensions`);
  }
  const host = parsed.hostname.toLowerCase();
  if (RESTRICTED_HOSTS.has(host) || (host === 'chrome.google.com' && parsed.pathname.startsWith('/webstore'))) {
    return pageFailure('restricted', `browsers do not let extensions read ${host}`);
  }
  return null;
}

/** Maps an injection error to a failure. Browsers word these differently; unknown ones stay 'error'. */
export function classifyInjectionError(error: unknown, url: string | undefined): PageFailure {
  const message = errorMessage(error);
  // A PDF viewer (Chrome's, or pdf.js in Firefox) is not a page we may script: say why in the reader's terms.
  if (url && /\.pdf(?:$|[?#])/i.test(url)) return pageFailure('not-html', message);
  // Chrome: "Cannot access a chrome:// URL", "Cannot access contents of url ...", "The extensions gallery cannot
  // be scripted."; Firefox: "Missing host permission for the tab".
  if (/cannot access|cannot be scripted|missing host permission|permission to access/i.test(message)) {
    return pageFailure('restricted', message);
  }
  return pageFailure('error', message);
}

/**
 * Extracts the article of a tab's top frame: injects the content script (built from entrypoints/extract.ts) and
 * returns what it returned. Never throws: restricted and non-HTML pages, closed tabs and crashes all come back as
 * a typed failure.
 */
export async function extractTab(tabId: number, options: PageOptions = {}, url?: string): Promise<PageResult> {
  const early = classifyUrl(url);
  if (early) return early;
  try {
    return await withTimeout(
      inject(tabId, options),
      INJECTION_TIMEOUT_MS,
      `the page did not answer within ${INJECTION_TIMEOUT_MS / 1000} s`,
    );
  } catch (error) {
    return classifyInjectionError(error, url);
  }
}

async function inject(tabId: number, options: PageOptions): Promise<PageResult> {
  const target = { tabId }; // top frame only
  // `files` cannot take arguments, so the options travel through a global of the extension's isolated world,
  // set by a tiny `func` injected just before (`args` are structured-cloned, the page's own scripts cannot see
  // that world). Simpler and sturdier than a message: no listener to register in the page, no race between the
  // script's start and the message, and the content script still runs once and leaves nothing behind. Both
  // injections go to the same frame, one after the other, so the script reads what was just set (and clears it).
  await browser.scripting.executeScript({
    target,
    func: (name: string, value: PageOptions) => {
      (globalThis as Record<string, unknown>)[name] = value;
    },
    args: [OPTIONS_GLOBAL, { force: options.force === true, keepCaptions: options.keepCaptions === true }],
  });
  const results: unknown = await browser.scripting.executeScript({ target, files: [EXTRACT_SCRIPT_FILE] });
  // Firefox resolves (instead of rejecting) with holes for privileged pages such as about:robots.
  const injections = (Array.isArray(results) ? results : []).filter(
    (r): r is { frameId?: number; result?: unknown } => typeof r === 'object' && r !== null,
  );
  if (injections.length === 0) return pageFailure('restricted', 'the browser ran no script in this page');
  const value = (injections.find((r) => r.frameId === 0) ?? injections[0])?.result;
  if (isPageResult(value)) return value;
  return pageFailure('error', 'the content script returned no result');
}
