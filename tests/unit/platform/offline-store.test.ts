import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import {
  allSearchTexts,
  deleteOfflineArticle,
  getOfflineArticle,
  offlineIds,
  putOfflineArticle,
} from '../../../platform/offline-store.ts';
import { sampleArticle } from '../../support/article.ts';

const article = (title: string, text: string): Article =>
  sampleArticle({
    url: `https://news.example/${encodeURIComponent(title)}`,
    title,
    byline: null,
    siteName: 'News',
    lang: 'fr',
    dir: null,
    publishedTime: null,
    contentHtml: `<p>${text}</p>`,
    text,
    wordCount: text.split(' ').length,
    readingTimeMinutes: 1,
    removed: [{ rule: 'reading-time', text: 'Temps de lecture : 3 minutes' }],
  });

describe('offline copies in IndexedDB', () => {
  it('keeps the clean article for reading without network (not the cleanup log)', async () => {
    const summary = [{ text: 'Le conseil a voté le budget.', paragraph: 0 }];
    await putOfflineArticle('a1', article('Élection à Nîmes', 'Le conseil a voté le budget.'), summary, 1000);
    const copy = await getOfflineArticle('a1');
    expect(copy).toMatchObject({ id: 'a1', savedAt: 1000, article: { title: 'Élection à Nîmes' }, summary });
    expect(copy?.article.contentHtml).toBe('<p>Le conseil a voté le budget.</p>');
    expect(copy?.article).not.toHaveProperty('removed');
    expect(await getOfflineArticle('missing')).toBeNull();
  });

  it('keeps a folded copy of the text for search, and deletes both together', async () => {
    await putOfflineArticle('a2', article('B', 'Le Député a RÉPONDU  à la presse'));
    // Each folded word once: what filterItems (core/reading-list/search.ts) searches.
    expect((await allSearchTexts()).get('a2')).toBe('le depute a repondu la presse');
    expect(await offlineIds()).toContain('a2');
    await deleteOfflineArticle('a2');
    expect(await getOfflineArticle('a2')).toBeNull();
    expect((await allSearchTexts()).has('a2')).toBe(false);
    expect(await offlineIds()).not.toContain('a2');
  });
});
