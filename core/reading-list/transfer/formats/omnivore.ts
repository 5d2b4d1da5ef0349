// Omnivore's export (the service closed in 2024): a ZIP of metadata_*.json files, each a list of entries with
// slug, labels, state, savedAt and readingProgress (0 to 100), and highlights/<slug>.md, an entry's highlights
// in Markdown (its exporter's highlightToMarkdown: "> quote", then "#label" words, then the note, blocks
// separated by a blank line; a page note is a block without a quote; no colour, no date); or one metadata file
// alone. An entry's own `highlights` list ({quote, annotation, color, createdAt}, as Omnivore's API gives them)
// is read too.
import {
  baseName,
  decodeUtf8,
  defineImportFormat,
  entryHighlights,
  entryTags,
  readJsonEntries,
  type ItemSink,
  type RawHighlight,
} from '../import-format.ts';

const METADATA = /^metadata_.*\.json$/i;
const HIGHLIGHTS = /(?:^|\/)highlights\/([^/]+)\.md$/i;

/**
 * The highlights of one highlights/<slug>.md file. A highlight's block is "> quote", "#labels" and its note,
 * separated by blank lines; a page note ends with a blank line of its own, so two blank lines follow it.
 */
export function omnivoreHighlightsMarkdown(markdown: string): RawHighlight[] {
  const out: { quote: string; notes: string[] }[] = [];
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  blocks.forEach((block, i) => {
    const text = block.trim();
    if (!text) return;
    const last = out.at(-1);
    if (text.startsWith('>')) {
      // The exporter writes "> " before the quote's first line and in place of its blank lines.
      const quote = text
        .split('\n')
        .map((line) => line.replace(/^>\s?/, ''))
        .join('\n');
      out.push({ quote, notes: [] });
    } else if (/^(#\S+\s*)+$/.test(text) && last?.quote) {
      // the highlight's labels
    } else if (last?.quote && blocks[i + 1]?.trim() !== '') {
      last.notes.push(text);
    } else {
      out.push({ quote: '', notes: [text] }); // a note on the page
    }
  });
  return out.map(({ quote, notes }) => ({ quote, note: notes.join('\n\n') }));
}

/** Keys only Omnivore's entries have (wallabag's are tried first: see formats/index.ts). */
const looksLikeOmnivore = (entry: Record<string, unknown>) =>
  'savedAt' in entry || 'readingProgress' in entry || 'labels' in entry || 'slug' in entry;

function readMetadata(
  data: unknown,
  sink: ItemSink,
  markdownOf: (slug: string) => string | undefined = () => undefined,
) {
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
      highlights: [
        ...entryHighlights(e, 'highlights', (h) => ({
          quote: h.quote,
          note: h.annotation ?? h.note,
          color: h.color,
          createdAt: h.createdAt ?? h.updatedAt,
        })),
        ...omnivoreHighlightsMarkdown(typeof e.slug === 'string' ? (markdownOf(e.slug) ?? '') : ''),
      ],
    };
  });
}

export const omnivoreZip = defineImportFormat({
  id: 'omnivore-zip',
  service: 'Omnivore',
  name: 'Omnivore ZIP',
  kind: 'zip',
  holds: 'an Omnivore export (metadata_*.json files)',
  fixtures: ['omnivore-zip', 'omnivore-highlights-zip'],
  detect: ({ entries }) => (entries.some((e) => METADATA.test(baseName(e.name))) ? 'certain' : null),
  read({ entries }, sink) {
    const markdown = new Map<string, string>();
    for (const entry of entries) {
      const slug = HIGHLIGHTS.exec(entry.name)?.[1];
      if (slug) markdown.set(slug, decodeUtf8(entry.bytes));
    }
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
      readMetadata(data, fileSink, (slug) => markdown.get(slug));
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
