// What the hostile-corpus browser tests (tests/e2e/hostile.e2e.ts) read from a rendered view, and what they
// expect of it, in either browser.
import { expect } from 'vitest';
import { inspectArticleDom, type InspectOptions } from '../hostile/inspect.ts';
import { SENTINEL_PATH, payloadOf, type Hosts } from '../hostile/page.ts';
import type { Vector } from '../hostile/vectors.ts';

/** A text element of the view's header: its text, and how many elements it holds (markup would make some). */
interface TextSlot {
  text: string;
  elements: number;
}

export interface ViewReport {
  /** No view found under the root. */
  missing?: true;
  /** What inspectArticleDom found in the rendered `.content`. */
  problems: string[];
  title: TextSlot | null;
  byline: TextSlot | null;
  site: TextSlot | null;
  summary: TextSlot[];
  /** String(window.__pwned) when a payload ran in this window, else null. */
  pwned: string | null;
  /** Whether `window.__clobbered` exists (a clobbering id or name reached this document). */
  clobbered: boolean;
}

/**
 * A script (an expression) that reports on the view under `root` (a JS expression giving a document or shadow
 * root) in the window it runs in. Evaluated as a string: DevTools evaluation is not subject to the extension
 * pages' CSP, while a function built with `new Function` in the page would be.
 */
export function reportScript(root: string, options: InspectOptions): string {
  return `(() => {
    const __name = (fn) => fn; // esbuild's keepNames helper, should the function's source use it
    const inspect = ${inspectArticleDom.toString()};
    const root = ${root};
    if (!root) return { missing: true, problems: [], summary: [] };
    const content = root.querySelector('.content');
    const slot = (el) => el && { text: el.textContent, elements: el.children.length };
    return {
      problems: content ? inspect(content, ${JSON.stringify(options)}) : ['no .content'],
      title: slot(root.querySelector('.title')),
      byline: slot(root.querySelector('.byline')),
      site: slot(root.querySelector('.site')),
      summary: Array.from(root.querySelectorAll('.publisher-summary p, .publisher-summary li'), slot),
      pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
      clobbered: '__clobbered' in window,
    };
  })()`;
}

/** The view of an extension page (popup, offline reader) or the in-page view's shadow root. */
export const EXTENSION_PAGE_ROOT = 'document';
/**
 * The in-page view's closed shadow root, as the extension's own world of the page sees it (its controller holds
 * it): scripts using it run there (Driver.inPageWorld), not in the page's world.
 */
export const IN_PAGE_ROOT =
  "(() => { const name = '__clearReaderViewController'; const view = Object.prototype.hasOwnProperty.call(globalThis, name) ? globalThis[name] : null; return view && view.isOpen() ? view.root : null; })()";

/**
 * The view is clean: nothing ran, nothing in the rendered article can run or load from another host, and the
 * metadata is plain text, the hostile vector's markup shown as the characters it is made of.
 */
export function expectCleanView(report: ViewReport, vector: Vector, hosts: Hosts, where: string): void {
  expect.soft(report.missing, `${where}: no view`).toBeUndefined();
  expect.soft(report.pwned, `${where}: a payload ran (window.__pwned)`).toBeNull();
  expect.soft(report.problems, `${where}: rendered article`).toEqual([]);
  const slots = [report.title, report.byline, report.site, ...report.summary].filter((s) => s !== null);
  for (const slot of slots) expect.soft(slot.elements, `${where}: markup in "${slot.text}"`).toBe(0);
  const payload = payloadOf(vector, hosts).trim();
  const shown: Partial<Record<Vector['where'], (TextSlot | null)[]>> = {
    title: [report.title],
    'json-ld': [report.title, report.byline],
    byline: [report.byline],
    'site-name': [report.site],
  };
  for (const slot of shown[vector.where] ?? []) expect.soft(slot?.text, `${where}: shown as text`).toBe(payload);
  if (vector.where === 'description') {
    expect
      .soft(
        report.summary.map((s) => s.text),
        `${where}: summary shown as text`,
      )
      .toContain(payload);
  }
}

/** A request the browser made, as the tests record it. */
export interface SeenRequest {
  url: string;
  /** The resource type ("image", "document", "fetch"…); null where the driver cannot tell (Firefox). */
  type: string | null;
  /** Which page made it: "page" (the article's tab), "popup", "reader", "service-worker" or a URL. */
  from: string;
  /** For the article's tab: whether the test was already watching it (false: the page's own loading). */
  armed: boolean;
}

/**
 * Requests that break the rule: nothing but images, from the page's origin or the CDN that hosts some of its
 * photos (a broken `<img src=x>` of the article is still one of its images), and the extension's own files;
 * never the sentinel host, never any other host, never anything but an image. Where the driver cannot tell the
 * type of a request, the rule on hosts is what is checked.
 */
export function forbiddenRequests(
  requests: SeenRequest[],
  { pageOrigin, hosts, extensionOrigin }: { pageOrigin: string; hosts: Hosts; extensionOrigin: string },
): string[] {
  const pageHost = new URL(pageOrigin).host;
  const cdnHost = new URL(hosts.cdn).host;
  const bad: string[] = [];
  for (const request of requests) {
    if (request.from === 'page' && !request.armed) continue; // the page's own loading, before the view
    if (request.url.startsWith(extensionOrigin) || /^(?:data|blob):/.test(request.url)) continue;
    const url = new URL(request.url);
    const image = request.type === 'image' || request.type === null;
    const allowed = image && (url.host === pageHost || url.host === cdnHost);
    if (!allowed) bad.push(`${request.from}: ${request.type} ${request.url}`);
  }
  return bad;
}

/** The vector an address on the sentinel host belongs to (its path is /pwned/<vector id>). */
export const vectorOfHit = (path: string) => (path.startsWith(SENTINEL_PATH) ? path.slice(SENTINEL_PATH.length) : path);

/**
 * The extension pages' Content Security Policy is explicit and strict: scripts from the extension only (no inline,
 * no eval, not even WebAssembly's), no plugins, no other source anywhere.
 */
export function expectStrictPolicy(policy: string | null | undefined): void {
  expect(policy, 'an explicit policy').toBeTruthy();
  const directives = new Map(
    policy!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((directive) => directive[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('script-src'), 'script-src').toEqual(["'self'"]);
  expect(directives.get('object-src'), 'object-src').toEqual(["'none'"]);
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:|data:|blob:/);
}

/** Where the settle marker of `settledScript` loads from: an image path of the page's server, told apart. */
export const SETTLE_MARKER_PATH = '/img/__settled__/';

/**
 * An expression that resolves once what the view under `root` started has run its course, so that "nothing ran"
 * is checked after a positive event rather than after a sleep: every image of the view the browser is loading has
 * loaded or failed (the events a payload's handler would fire on), then one more image, a marker on the page's own
 * server, has made the round trip from this document. Lazy images are not waited for: the browser may never load
 * them (below the fold, or in a background tab), and until it does they fire nothing. Written against the
 * prototypes: the page may clobber its own document.
 */
export function settledScript(root: string, pageOrigin: string): string {
  const marker = `${pageOrigin}${SETTLE_MARKER_PATH}`;
  return `(async () => {
    const root = ${root};
    if (!root) return 'no view';
    const query = root instanceof Document ? Document.prototype.querySelectorAll : DocumentFragment.prototype.querySelectorAll;
    const done = (img) => new Promise((resolve) => {
      if (img.complete || img.loading === 'lazy') return resolve();
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', resolve, { once: true });
    });
    await Promise.all(Array.from(query.call(root, 'img'), done));
    const probe = new Image();
    probe.src = ${JSON.stringify(marker)} + Math.random().toString(36).slice(2) + '.svg';
    await done(probe);
    return 'settled';
  })()`;
}

/**
 * An expression that tries, in an extension page, the three kinds of script its CSP must refuse (an inline
 * script, an inline handler, a string timer) and reports what ran and the policy the first violation quotes.
 * It resolves on positive events: the handler's image has failed, a timer queued after the string timer has
 * run, and the browser has reported a violation.
 */
export const CSP_PROBE = `new Promise((resolve) => {
  let policy = null;
  let imageFailed = false;
  let timerRan = false;
  const finish = () => {
    if (policy === null || !imageFailed || !timerRan) return;
    resolve({
      policy,
      inlineRan: window.__inlineRan === true,
      handlerRan: window.__handlerRan === true,
      evalRan: window.__evalRan === true,
    });
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    policy ??= event.originalPolicy;
    finish();
  });
  const script = document.createElement('script');
  script.textContent = 'window.__inlineRan = true';
  document.head.append(script);
  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__handlerRan = true');
  img.addEventListener('error', () => { imageFailed = true; finish(); }); // after the attribute's handler
  img.src = 'data:,not-an-image';
  document.body.append(img);
  // A string timer is eval: run from the page's own task, not from DevTools (whose evaluations may eval).
  setTimeout('window.__evalRan = true', 0);
  setTimeout(() => { timerRan = true; finish(); }, 0); // runs after the string timer would have
})`;

/** What CSP_PROBE reports. */
export interface CspOutcome {
  policy: string | null;
  inlineRan: boolean;
  handlerRan: boolean;
  evalRan: boolean;
}
