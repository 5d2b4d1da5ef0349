// Canonical URLs and item ids: the same article saved twice, from any device, gets the same id.
//
// What is folded: tracking parameters, the fragment, default ports, the host's case and trailing dot, the order
// of the query parameters, AMP-cache wrappers (google.com/amp/s/…, *.cdn.ampproject.org/c/s/…), and, when the
// page declares a canonical link, its AMP and mobile variants (the page's own canonical is preferred when it
// is http(s) and on the same site).
//
// What is not folded: "www." (www.example.com and example.com are different origins; a site that serves both
// declares one canonical link, which folds them where it matters), the path's case and trailing slash (both
// can name different pages), and query parameters we do not know to be tracking.
import { hash64Base36 } from './hash.ts';

/** Parameter names that only track the click (lower-case). */
const TRACKING_PARAMS = new Set([
  // Ad and social click ids.
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'epik',
  'srsltid',
  // Mailing tools (Mailchimp, HubSpot, Marketo, Vero, Oracle, SendGrid).
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  'wickedid',
  // Analytics and referrer markers.
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
  's_cid',
  's_kwcid',
  'ef_id',
  'cmpid',
  'ocid',
  'smid',
  'smtyp',
  'sr_share',
  'xtor',
  'xts',
  'ito',
  'at_medium',
  'at_campaign',
  'at_platform',
  'at_creation',
  'at_variant',
  'at_format',
  'at_send_date',
  'at_link',
  'at_link_id',
  'at_recipient_id',
  'at_recipient_list',
  'at_ptr_name',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  'fb_action_ids',
  'fb_action_types',
  'fb_source',
  'fb_ref',
  'action_object_map',
  'action_type_map',
  'action_ref_map',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  '__twitter_impression',
  'spm',
]);
/** Whole families: utm_source, utm_medium… (Google), pk_*, mtm_*, piwik_* (Matomo), hsa_* (HubSpot ads). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'piwik_', 'hsa_'];

/** Query parameters that ask for the AMP version of a page. */
const AMP_PARAMS = new Set(['amp', 'outputtype', 'amp_js_v', 'usqp', 'amp_gsa', '_gsa']);
/** Host labels of mobile and AMP variants (m.example.com, en.m.wikipedia.org, amp.theguardian.com). */
const VARIANT_LABELS = new Set(['m', 'mobile', 'amp']);
/** Second-level labels under a country code that are not sites themselves (bbc.co.uk, abc.net.au). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'gouv', 'asso', 'ne', 'or', 'go']);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

function parseHttp(url: string, base?: string): URL | null {
  try {
    const parsed = new URL(url.trim(), base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** The publisher's URL inside an AMP cache or Google AMP viewer address, else null. */
function unwrapAmpCache(u: URL): URL | null {
  // https://www.google.com/amp/s/www.lemonde.fr/… and https://www-lemonde-fr.cdn.ampproject.org/c/s/www.lemonde.fr/…
  const google = /^(?:www\.)?google\.[a-z.]+$/.test(u.hostname) && /^\/amp\/(s\/)?/.exec(u.pathname);
  const cache = u.hostname.endsWith('.cdn.ampproject.org') && /^\/[cv]\/(s\/)?/.exec(u.pathname);
  const match = google || cache;
  if (!match) return null;
  const rest = u.pathname.slice(match[0].length);
  if (!rest.includes('.')) return null;
  return parseHttp(`${match[1] ? 'https' : 'http'}://${rest}${u.search}`);
}

/** "Same site" without the public suffix list: the last two labels, three under co.uk-style suffixes. */
export function siteOf(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':')) return hostname; // IPv4, IPv6
  const labels = hostname.split('.');
  if (labels.length <= 2) return hostname;
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const take = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Tracking parameters, fragment, host case and trailing dot, default port, parameter order. */
function clean(u: URL): URL {
  const out = new URL(u.href);
  out.hostname = out.hostname.toLowerCase().replace(/\.$/, '');
  out.username = '';
  out.password = '';
  // Hash-bang addresses (#!/article/42) name the content itself on old AJAX sites: kept.
  if (!out.hash.startsWith('#!')) out.hash = '';
  const params = [...out.searchParams].filter(([name]) => !isTrackingParam(name));
  const search = new URLSearchParams(params);
  search.sort(); // stable: repeated names keep their order
  out.search = search.size ? search.toString() : '';
  return out; // URL itself drops :80 on http and :443 on https
}

/** True when this URL looks like an AMP or mobile rendering of another page. */
function isVariant(u: URL): boolean {
  const labels = u.hostname.split('.');
  const site = siteOf(u.hostname).split('.').length;
  const sub = labels.slice(0, labels.length - site);
  return (
    sub.some((l) => VARIANT_LABELS.has(l)) ||
    /(^|\/)amp(\/|$)/.test(u.pathname) ||
    /\.amp(\.html?)?$/.test(u.pathname) ||
    [...u.searchParams.keys()].some((k) => AMP_PARAMS.has(k.toLowerCase()))
  );
}

/** Without a usable canonical link: drop the AMP and mobile markers we recognise. */
function foldVariant(u: URL): URL {
  const out = new URL(u.href);
  const labels = out.hostname.split('.');
  const siteLabels = siteOf(out.hostname).split('.').length;
  const sub = labels.slice(0, labels.length - siteLabels).filter((l) => !VARIANT_LABELS.has(l));
  out.hostname = [...sub, ...labels.slice(labels.length - siteLabels)].join('.');
  out.pathname =
    out.pathname
      .replace(/\/amp(?=\/|$)/g, '')
      .replace(/\.amp(\.html?)?$/, '$1')
      .replace(/^$/, '/') || '/';
  for (const key of [...out.searchParams.keys()]) {
    if (AMP_PARAMS.has(key.toLowerCase())) out.searchParams.delete(key);
  }
  if (!out.searchParams.size) out.search = '';
  return out;
}

/**
 * The address that identifies an article. `pageCanonical` is the page's `<link rel="canonical">` (or og:url),
 * absolute or relative to `url`. Non-http(s) URLs come back trimmed, unchanged.
 */
export function canonicalUrl(url: string, pageCanonical?: string | null): string {
  const page = parseHttp(url);
  if (!page) return url.trim();
  const address = clean(unwrapAmpCache(page) ?? page);
  if (pageCanonical == null || pageCanonical.trim() === '') return address.href;

  const declared = parseHttp(pageCanonical, page.href);
  if (declared) {
    const canonical = clean(unwrapAmpCache(declared) ?? declared);
    // An http canonical on a page served over https is almost always a stale template: keep https.
    if (canonical.protocol === 'http:' && address.protocol === 'https:' && canonical.host === address.host) {
      canonical.protocol = 'https:';
    }
    const sameSite = siteOf(canonical.hostname) === siteOf(address.hostname);
    // A canonical pointing at the home page from an article is a template bug, not the article's address.
    const homeForArticle = canonical.pathname === '/' && !canonical.search && address.pathname !== '/';
    if (sameSite && !homeForArticle) return canonical.href;
  }
  // The page declared a canonical link we cannot use (another site, the home page, not http): fold the
  // variant markers ourselves so its AMP and mobile renderings still meet.
  return isVariant(address) ? foldVariant(address).href : address.href;
}

/** Short stable id of a canonical URL: 64-bit FNV-1a in base 36 (13 characters). */
export function itemId(canonical: string): string {
  return hash64Base36(canonical);
}
