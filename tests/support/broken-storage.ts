// One device's reading list over storage that goes wrong (the unreadable-sync-data, unreadable-local-data and
// failing-writes tests): articles, a shared clock, and a list opened on a sync area with timers that never fire.
import {
  createMemoryLocalStore,
  createReadingList,
  type MemorySyncArea,
  type NewItem,
  type ReadingList,
  type ReadingListOptions,
} from '../../core/reading-list/index.ts';

export const NOW = Date.UTC(2025, 5, 1);
/** Every device's clock; tests move it past the write-rate spacing between two writes of one device. */
export const clock = { now: NOW };
export const later = () => (clock.now += 20 * 60_000);
/** For beforeEach: every test starts at NOW. */
export const resetClock = () => void (clock.now = NOW);

const never = { set: () => 0, clear: () => undefined };

export function article(n: number): NewItem {
  return {
    url: `https://www.lemonde.fr/international/article/2025/05/${String((n % 28) + 1).padStart(2, '0')}/sujet-${n}_${6_100_000 + n}_3210.html`,
    title: `Sujet numéro ${n} de la rubrique internationale`,
    site: 'Le Monde',
    lang: 'fr',
    excerpt: `Le début du sujet ${n}.`,
  };
}

type MemoryLocal = ReturnType<typeof createMemoryLocalStore>;

export function open(sync: MemorySyncArea, deviceId: string, extra: Partial<ReadingListOptions> = {}) {
  const local = (extra.local as MemoryLocal | undefined) ?? createMemoryLocalStore();
  const list = createReadingList({
    deviceId,
    local,
    sync,
    now: () => clock.now,
    timers: never,
    compress: true,
    ...extra,
  });
  return { list, local };
}

export const idsOf = (list: ReadingList) => new Set(list.items().map((i) => i.id));
