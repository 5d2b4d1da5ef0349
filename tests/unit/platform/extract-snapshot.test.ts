// The engine on a page's snapshot in an extension page (Firefox): DOMParser and the page's window stand in for
// jsdom's here.
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { WARM_UP_SNAPSHOT, extractSnapshot } from '../../../platform/extract-snapshot.ts';

beforeAll(() => {
  const { window } = new JSDOM('', { url: 'moz-extension://0b1c/_generated_background_page.html' });
  vi.stubGlobal('window', window);
  vi.stubGlobal('DOMParser', window.DOMParser);
});

describe('extractSnapshot', () => {
  test('the warm-up page is an article: warming up runs the whole engine, not its first check only', () => {
    const result = extractSnapshot(WARM_UP_SNAPSHOT, {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.wordCount).toBeGreaterThan(200);
  });

  test('a page still loading is said to be loading, unless the caller reads what has loaded', () => {
    const loading = { ...WARM_UP_SNAPSHOT, readyState: 'loading' as const };
    expect(extractSnapshot(loading, {})).toMatchObject({ ok: false, reason: 'loading' });
    expect(extractSnapshot(loading, { partial: true }).ok).toBe(true);
  });

  test('relative addresses are resolved against the page, not the extension page', () => {
    const result = extractSnapshot(WARM_UP_SNAPSHOT, {});
    if (!result.ok) throw new Error(result.message);
    expect(result.article.contentHtml).toContain('https://news.example/p0');
    expect(result.article.contentHtml).not.toContain('moz-extension:');
  });
});
