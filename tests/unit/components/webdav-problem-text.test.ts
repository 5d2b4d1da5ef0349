// @vitest-environment jsdom
// Every answer a WebDAV server can give, in plain English and French (public/_locales), with the facts the reader
// needs in the sentence (a redirect's target, how long to wait, the size refused, the host), and shown where the
// reader looks: the options page's connection result, its status line and its list of skipped files.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebDavSyncView, type WebDavSyncViewProps } from '../../../components/WebDavSyncView.tsx';
import { syncProblemText, webDavProblemText } from '../../../components/webdav-problem-text.ts';
import type { Translate } from '../../../contracts/i18n.ts';
import { localized } from '../../support/translate.ts';
import { normalizeWebDavStatus, WEBDAV_DEFAULTS } from '../../../contracts/webdav.ts';
import { HIGHLIGHTS_PASS, type WebDavProblem, type WebDavProblemCode } from '../../../core/reading-list/index.ts';

const LOCALES = [
  ['en', localized('en')],
  ['fr', localized('fr')],
] as const;

/** Each code with the facts a server or the sync gives, and what the sentence must carry. */
const CASES: [WebDavProblem, string[]][] = [
  [{ code: 'auth', status: 401 }, ['401']],
  [{ code: 'forbidden', status: 403 }, ['403']],
  [{ code: 'not-found', status: 404 }, ['404']],
  [{ code: 'not-webdav', status: 405 }, ['405']],
  [{ code: 'not-webdav', status: 501 }, ['501']],
  [{ code: 'conflict', status: 409 }, ['409']],
  [{ code: 'precondition', status: 412 }, ['412']],
  [{ code: 'too-large', status: 413, bytes: 1_234_567 }, ['413', 'client_max_body_size', 'LimitRequestBody']],
  [{ code: 'too-large', status: 413 }, ['413']],
  [{ code: 'locked', status: 423 }, ['423']],
  [{ code: 'rate-limited', status: 429, retryAfterSeconds: 300 }, ['429', '5']],
  [{ code: 'rate-limited', status: 429 }, ['429']],
  [{ code: 'server-error', status: 500 }, ['500']],
  [{ code: 'unavailable', status: 502 }, ['502']],
  [{ code: 'unavailable', status: 503 }, ['503']],
  [{ code: 'unavailable', status: 504 }, ['504']],
  [{ code: 'full', status: 507 }, ['507']],
  [{ code: 'redirect', status: 301, location: 'https://cloud.example.org/dav/' }, ['https://cloud.example.org/dav/']],
  [{ code: 'redirect' }, ['https://']],
  [{ code: 'unexpected', status: 418 }, ['418']],
  [{ code: 'timeout', seconds: 20 }, ['20']],
  [{ code: 'unreachable', host: 'cloud.example.org' }, ['https']],
  [{ code: 'dns', host: 'clod.example.org' }, ['clod.example.org']],
  [{ code: 'tls', host: 'cloud.example.org' }, ['cloud.example.org']],
  [{ code: 'connection-broke' }, []],
  [{ code: 'credentials-in-address' }, ['@']],
  [{ code: 'bad-address' }, ['https://']],
  [{ code: 'insecure-address', host: 'cloud.example.org' }, ['https://', 'cloud.example.org']],
  [{ code: 'permission' }, []],
  [{ code: 'abandoned', seconds: 300 }, ['5']],
  [{ code: 'wrong-passphrase', file: 'firefox.json' }, ['firefox.json']],
  [{ code: 'passphrase-needed', file: 'firefox.json' }, ['firefox.json']],
  [{ code: 'failed', detail: 'QuotaExceededError' }, ['QuotaExceededError']],
  [{ code: 'garbage' }, []],
  [{ code: 'newer' }, []],
  [{ code: 'damaged-items', count: 3 }, ['3']],
  [{ code: 'unusable-copy' }, []],
  [{ code: 'copy-too-large', bytes: 6_100_000 }, ['6']],
];

describe('WebDAV problems in plain words', () => {
  it('covers every problem code', () => {
    const codes: Record<WebDavProblemCode, true> = {
      auth: true,
      forbidden: true,
      'not-found': true,
      'not-webdav': true,
      conflict: true,
      precondition: true,
      'too-large': true,
      locked: true,
      'rate-limited': true,
      'server-error': true,
      unavailable: true,
      full: true,
      redirect: true,
      unexpected: true,
      timeout: true,
      unreachable: true,
      dns: true,
      tls: true,
      'connection-broke': true,
      'credentials-in-address': true,
      'bad-address': true,
      'insecure-address': true,
      permission: true,
      abandoned: true,
      'wrong-passphrase': true,
      'passphrase-needed': true,
      failed: true,
      garbage: true,
      newer: true,
      'damaged-items': true,
      'unusable-copy': true,
      'copy-too-large': true,
    };
    expect(new Set(CASES.map(([p]) => p.code))).toEqual(new Set(Object.keys(codes)));
  });

  it.each(LOCALES)('says each one in %s, with its facts, each differently', (lang, t) => {
    const texts = CASES.map(([problem, facts]) => {
      const text = webDavProblemText(problem, t, lang);
      expect(text, problem.code).toMatch(/\w{3,}.*\w{3,}/);
      for (const fact of facts) expect(text, problem.code).toContain(fact);
      expect(text).not.toMatch(/\$\w+\$|undefined|NaN/);
      return text;
    });
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('writes French with its own typography: narrow no-break spaces, decimal comma, its units', () => {
    const [, fr] = LOCALES[1];
    const text = webDavProblemText({ code: 'too-large', status: 413, bytes: 1_234_567 }, fr, 'fr');
    expect(text).toMatch(/1,2[\u00a0\u202f]Mo/);
    expect(text).toMatch(/\u202f:/);
    expect(text).not.toMatch(/ [:;!?]/);
  });

  it('a problem of an unknown code (a newer version’s, from storage) still reads as a failure', () => {
    const [, en] = LOCALES[0];
    expect(webDavProblemText({ code: 'future-code' as WebDavProblemCode }, en, 'en')).toContain('future-code');
  });

  it.each(LOCALES)('introduces a skipped file by its article’s title or its name (%s)', (lang, t) => {
    const copy = syncProblemText(
      { code: 'too-large', status: 413, bytes: 2_500_000, file: 'articles/abc.json', title: 'Un article' },
      t,
      lang,
    );
    expect(copy).toContain('Un article');
    expect(copy).toMatch(lang === 'fr' ? /2,5[\u00a0\u202f]Mo/ : /2\.5 MB/);
    expect(copy).toContain('413');
    const file = syncProblemText({ code: 'newer', file: 'firefox.json' }, t, lang);
    expect(file.startsWith('firefox.json')).toBe(true);
    const pass = syncProblemText({ code: 'auth', status: 401, file: '' }, t, lang);
    expect(pass).toContain(lang === 'fr' ? 'Copies hors ligne' : 'Offline copies');
    const highlights = syncProblemText(
      { code: 'failed', detail: 'IndexedDB is closed', file: HIGHLIGHTS_PASS },
      t,
      lang,
    );
    expect(highlights).toMatch(
      lang === 'fr'
        ? /^Surlignages et notes\u202f: .*IndexedDB is closed/
        : /^Highlights and notes: .*IndexedDB is closed/,
    );
  });
});

describe('the options page’s sync screen shows them', () => {
  let root: HTMLElement;
  afterEach(async () => {
    await act(() => render(null, root));
    root.remove();
  });

  async function mount(overrides: Partial<WebDavSyncViewProps>, t: Translate, locale: string) {
    root = document.createElement('div');
    document.body.append(root);
    const props: WebDavSyncViewProps = {
      t,
      locale,
      webdav: { ...WEBDAV_DEFAULTS, enabled: true, baseUrl: 'https://cloud.example.org/dav/' },
      status: normalizeWebDavStatus(null),
      testResult: null,
      busy: false,
      onWebDavChange: vi.fn(),
      onWebDavSave: vi.fn(),
      onWebDavTest: vi.fn(),
      onSyncNow: vi.fn(),
      ...overrides,
    };
    await act(() => render(h(WebDavSyncView, props), root));
  }

  it.each(LOCALES)(
    'in the status line and the list of skipped copies, and as a connection result (%s)',
    async (lang, t) => {
      await mount(
        {
          status: {
            lastSyncAt: Date.UTC(2026, 10, 26, 10),
            lastError: { code: 'abandoned', seconds: 300 },
            failures: 1,
            problems: [
              { code: 'too-large', status: 413, bytes: 2_500_000, file: 'articles/a.json', title: 'Un article' },
            ],
          },
          testResult: {
            ok: false,
            problem: { code: 'redirect', status: 301, location: 'https://cloud.example.org/x/' },
          },
        },
        t,
        lang,
      );
      const status = root.querySelector('.sync-status')!;
      expect(status.getAttribute('data-failed')).toBe('true');
      expect(status.textContent).toContain(webDavProblemText({ code: 'abandoned', seconds: 300 }, t, lang));
      expect(root.querySelector('.problems li')?.textContent).toContain('Un article');
      expect(root.querySelector('.result.error')?.textContent).toContain('https://cloud.example.org/x/');
      await act(() => render(null, root));
      await mount({ testResult: { ok: true } }, t, lang);
      expect(root.querySelector('.result.ok')?.textContent).toBe(t('webdavConnected'));
    },
  );
});
