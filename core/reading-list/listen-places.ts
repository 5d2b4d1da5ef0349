// Where the reader stopped listening to each saved article (Listen, issue 17), kept beside the reading progress.
// Local to this device: the sync formats reject registers they do not know (shard-text.ts throws on one), so a
// synced place would break older versions' sync; a place is cheap to lose and quick to find again.

/** A paragraph of the article as Listen reads it (the title is 0), and an utterance (a sentence) within it. */
export interface ListenPlace {
  paragraph: number;
  sentence: number;
}

/** Per item id: the place, and when it was kept (ms since 1970), which decides what goes when the map is full. */
export type ListenPlaces = Record<string, ListenPlace & { at: number }>;

/** More than the places of every article a reader listens to in months; the oldest go first. */
export const LISTEN_PLACES_MAX = 500;

const index = (value: unknown) => (Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null);

/** The stored map, whatever another version or a damaged store left: entries that are not places are dropped. */
export function normalizeListenPlaces(raw: unknown): ListenPlaces {
  const places: ListenPlaces = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return places;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const { paragraph, sentence, at } = value as Record<string, unknown>;
    const p = index(paragraph);
    const s = index(sentence);
    if (p === null || s === null) continue;
    places[id] = { paragraph: p, sentence: s, at: typeof at === 'number' && Number.isFinite(at) ? at : 0 };
  }
  return places;
}

/** Where Listen starts for item `id`: the place kept, or null (the top). */
export function listenPlaceOf(places: ListenPlaces, id: string): ListenPlace | null {
  const place = Object.prototype.hasOwnProperty.call(places, id) ? places[id] : undefined;
  return place ? { paragraph: place.paragraph, sentence: place.sentence } : null;
}

/** `places` with item `id` at `place` (null: read to the end, forgotten), the oldest dropped beyond `max`. */
export function withListenPlace(
  places: ListenPlaces,
  id: string,
  place: ListenPlace | null,
  now: number,
  max = LISTEN_PLACES_MAX,
): ListenPlaces {
  const next = { ...places };
  delete next[id];
  if (!place) return next;
  next[id] = { paragraph: place.paragraph, sentence: place.sentence, at: now };
  const ids = Object.keys(next);
  if (ids.length <= max) return next;
  ids.sort((a, b) => next[a]!.at - next[b]!.at);
  for (const old of ids.slice(0, ids.length - max)) delete next[old];
  return next;
}
