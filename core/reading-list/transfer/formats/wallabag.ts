// wallabag's JSON export: a list of entries with is_archived, is_starred, tags (names or objects) and
// created_at ("2025-03-05T10:00:00+0100"), and annotations ({quote, text, created_at, ranges}: the ranges are
// XPaths into wallabag's own copy of the page, of no use in ours, so the quote alone is kept).
import { defineImportFormat, entryHighlights, entryTags, readJsonEntries, truthy } from '../import-format.ts';

const looksLikeWallabag = (entry: Record<string, unknown>) =>
  'is_archived' in entry || 'is_starred' in entry || ('created_at' in entry && 'content' in entry);

export const wallabagJson = defineImportFormat({
  id: 'wallabag-json',
  service: 'wallabag',
  name: 'wallabag JSON',
  kind: 'json',
  fixtures: ['wallabag.json', 'wallabag-highlights.json'],
  detect({ data }) {
    if (!Array.isArray(data)) return null;
    const sample = data.find((e): e is Record<string, unknown> => !!e && typeof e === 'object');
    // wallabag exports an empty list as []: read it (as nothing) rather than refuse it.
    if (!sample) return data.length === 0 ? 'certain' : null;
    return looksLikeWallabag(sample) ? 'certain' : null;
  },
  read({ data }, sink) {
    if (!Array.isArray(data)) return sink.reject(1, 'not a list of entries');
    readJsonEntries(data, sink, (e) => ({
      url: e.url,
      title: e.title,
      tags: entryTags(e),
      state: truthy(e.is_archived) ? 'archived' : 'unread',
      favourite: truthy(e.is_starred),
      addedAt: e.created_at,
      highlights: entryHighlights(e, 'annotations', (a) => ({
        quote: a.quote,
        note: a.text,
        createdAt: a.created_at ?? a.updated_at,
      })),
    }));
  },
});
