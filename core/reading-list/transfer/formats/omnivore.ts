// Omnivore's export (the service closed in 2024): a ZIP of metadata_*.json files, each a list of entries with
// labels, state, savedAt and readingProgress (0 to 100); or one of those files alone.
import {
  baseName,
  decodeUtf8,
  defineImportFormat,
  entryTags,
  readJsonEntries,
  type ItemSink,
} from '../import-format.ts';

const METADATA = /^metadata_.*\.json$/i;

/** Keys only Omnivore's entries have (wallabag's are tried first: see formats/index.ts). */
const looksLikeOmnivore = (entry: Record<string, unknown>) =>
  'savedAt' in entry || 'readingProgress' in entry || 'labels' in entry || 'slug' in entry;

function readMetadata(data: unknown, sink: ItemSink) {
  if (!Array.isArray(data)) return sink.reject(1, 'not a list of entries');
  readJsonEntries(data, sink, (e, n) => {
    const state = typeof e.state === 'string' ? e.state.toLowerCase() : '';
    if (state === 'deleted') {
      sink.reject(n, 'deleted in Omnivore');
      return null;
    }
    const hasProgress = e.readingProgress !== undefined || e.readingProgressPercent !== undefined;
    const progress = Number(e.readingProgress ?? e.readingProgressPercent);
    return {
      url: e.url ?? e.originalUrl,
      title: e.title,
      tags: entryTags(e),
      state: state === 'archived' ? 'archived' : 'unread',
      favourite: false,
      addedAt: e.savedAt ?? e.createdAt,
      progress: hasProgress && Number.isFinite(progress) ? progress / 100 : undefined,
    };
  });
}

export const omnivoreZip = defineImportFormat({
  id: 'omnivore-zip',
  service: 'Omnivore',
  name: 'Omnivore ZIP',
  kind: 'zip',
  holds: 'an Omnivore export (metadata_*.json files)',
  fixtures: ['omnivore-zip'],
  detect: ({ entries }) => (entries.some((e) => METADATA.test(baseName(e.name))) ? 'certain' : null),
  read({ entries }, sink) {
    for (const entry of entries) {
      if (!METADATA.test(baseName(entry.name))) continue;
      const fileSink = sink.inFile(entry.name);
      let data: unknown;
      try {
        data = JSON.parse(decodeUtf8(entry.bytes));
      } catch (error) {
        // One damaged file does not stop the others.
        fileSink.reject(1, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      readMetadata(data, fileSink);
    }
  },
});

export const omnivoreJson = defineImportFormat({
  id: 'omnivore-json',
  service: 'Omnivore',
  name: 'Omnivore JSON',
  kind: 'json',
  fixtures: ['omnivore-zip/metadata_0_to_2.json', 'omnivore-zip/metadata_3_to_3.json'],
  detect({ data }) {
    if (!Array.isArray(data)) return null;
    const sample = data.find((e): e is Record<string, unknown> => !!e && typeof e === 'object');
    return sample && looksLikeOmnivore(sample) ? 'certain' : null;
  },
  read: ({ data }, sink) => readMetadata(data, sink),
});
