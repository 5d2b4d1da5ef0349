// Where the reader stopped listening to each saved article (core/reading-list/listen-places.ts), in
// storage.local, and through the WebDAV sync (platform/webdav-sync.ts). Its own module, so that the popup's
// bundle does not carry it.
import { storage } from '@wxt-dev/storage';
import {
  listenPlaceOf,
  mergeListenPlaces,
  normalizeListenPlaces,
  type ListenPlaces,
  withListenPlace,
  type SavedListenPlace,
} from '../core/reading-list/index.ts';

const listenPlacesItem = storage.defineItem<unknown>('local:listenPlaces', { fallback: {} });

/** Where Listen starts for saved item `id` (null: the top); never rejects. */
export async function loadListenPlace(id: string): Promise<SavedListenPlace | null> {
  try {
    return listenPlaceOf(normalizeListenPlaces(await listenPlacesItem.getValue()), id);
  } catch {
    return null;
  }
}

/** Keeps where Listen is in saved item `id` (null: read to the end, forgotten). */
export function saveListenPlace(id: string, place: SavedListenPlace | null): Promise<void> {
  // One write at a time, in order: each reads what the one before wrote (places come a sentence apart).
  const write = placeWrites.then(async () => {
    const places = normalizeListenPlaces(await listenPlacesItem.getValue());
    await listenPlacesItem.setValue(withListenPlace(places, id, place, Date.now()));
  });
  placeWrites = write.catch(() => undefined);
  return write;
}

/** Every place kept (the WebDAV file carries them). */
export async function listenPlaces(): Promise<ListenPlaces> {
  return normalizeListenPlaces(await listenPlacesItem.getValue());
}

/** Merges another device's places (the later per article wins); returns how many changed. */
export function absorbListenPlaces(theirs: ListenPlaces): Promise<number> {
  const write = placeWrites.then(async () => {
    const { places, changed } = mergeListenPlaces(normalizeListenPlaces(await listenPlacesItem.getValue()), theirs);
    if (changed) await listenPlacesItem.setValue(places);
    return changed;
  });
  placeWrites = write.catch(() => undefined);
  return write;
}

/** Calls back when a place changes (here or merged from another device); returns the unsubscribe. */
export function watchListenPlaces(callback: () => void): () => void {
  return listenPlacesItem.watch(() => callback());
}
let placeWrites: Promise<unknown> = Promise.resolve();
