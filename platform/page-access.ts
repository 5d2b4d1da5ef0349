// Which pages an extension may read, and the browsers' refusals in the reader's terms: checked before an
// injection (the address) and after one fails (the error's wording).
import { pageFailure, type PageFailure } from '../contracts/page.ts';
import { errorMessage } from '../core/util/index.ts';

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
