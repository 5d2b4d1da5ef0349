// Where the reader stopped listening to each saved article (Listen, issue 17), kept beside the reading progress.
// Kept in storage.local and carried in the WebDAV device file (a field older versions ignore), merged per article by
// the latest change; not in storage.sync: docs/sync.md says why. A place forgotten (read to the end) stays as a
// `gone` entry, so that an older place from another device does not come back.
/** A paragraph of the article as Listen reads it (the title is 0), and an utterance (a sentence) within it. */
export interface ListenPlace {
  paragraph: number;
  sentence: number;
}

/** Per item id: the place, and when it was kept (ms since 1970), which decides what goes when the map is full. */
export type ListenPlaces = Record<string, ListenPlace & { at: number; gone?: true }>;

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
    if ((value as { gone?: unknown }).gone === true) places[id].gone = true;
  }
  return places;
}

/** Where Listen starts for item `id`: the place kept, or null (the top). */
export function listenPlaceOf(places: ListenPlaces, id: string): ListenPlace | null {
  const place = Object.prototype.hasOwnProperty.call(places, id) ? places[id] : undefined;
  return place && !place.gone ? { paragraph: place.paragraph, sentence: place.sentence } : null;
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
  next[id] = place
    ? { paragraph: place.paragraph, sentence: place.sentence, at: now }
    : { ...TOP, at: now, gone: true };
  return trimmed(next, max);
}

const TOP = { paragraph: 0, sentence: 0 };

function trimmed(next: ListenPlaces, max: number): ListenPlaces {
  const ids = Object.keys(next);
  if (ids.length <= max) return next;
  ids.sort((a, b) => next[a]!.at - next[b]!.at);
  for (const old of ids.slice(0, ids.length - max)) delete next[old];
  return next;
}

/** `mine` with `theirs` merged in: per article the later change wins (ties keep mine). */
export function mergeListenPlaces(
  mine: ListenPlaces,
  theirs: ListenPlaces,
  max = LISTEN_PLACES_MAX,
): { places: ListenPlaces; changed: number } {
  const next = { ...mine };
  let changed = 0;
  for (const [id, place] of Object.entries(theirs)) {
    const had = Object.prototype.hasOwnProperty.call(next, id) ? next[id] : undefined;
    if (had && had.at >= place.at) continue;
    next[id] = place;
    changed++;
  }
  return { places: changed ? trimmed(next, max) : mine, changed };
}
