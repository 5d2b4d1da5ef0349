// @vitest-environment jsdom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type ReaderSettings } from '../../../core/reader/index.ts';
import { SAVE_DELAY_MS, useReaderSettings, type SettingsStore } from '../../../components/useReaderSettings.ts';
import { useRoot } from '../../support/preact.ts';

const STORED: ReaderSettings = {
  font: 'sans-serif',
  fontSize: 22,
  lineWidth: 80,
  lineHeight: 1.8,
  theme: 'dark',
  showImages: false,
  showCaptions: true,
  summaryOpen: false,
  listenRate: 1.5,
  listenVoices: { fr: 'espeak-fr' },
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An in-memory SettingsStore: `saved` records every write, `remote()` plays a change made on another device. */
function fakeStore(initial: ReaderSettings = STORED) {
  let stored = initial;
  let loadGate: Deferred<ReaderSettings> | null = null;
  const saveFailures: unknown[] = [];
  const listeners = new Set<(settings: ReaderSettings) => void>();
  const saved: ReaderSettings[] = [];
  const load = vi.fn(() => (loadGate ? loadGate.promise : Promise.resolve(stored)));
  const save = vi.fn((settings: ReaderSettings) => {
    saved.push(settings);
    // Storage rejects with an Error, but the hook also copes with anything else (a string here).
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (saveFailures.length) return Promise.reject(saveFailures.shift());
    stored = settings;
    return Promise.resolve();
  });
  const watch = vi.fn((callback: (settings: ReaderSettings) => void) => {
    listeners.add(callback);
    return () => listeners.delete(callback);
  });
  const store: SettingsStore = { load, save, watch };
  return {
    store,
    load,
    save,
    watch,
    saved,
    listeners,
    get stored() {
      return stored;
    },
    /** load() stays pending until the returned deferred is settled. */
    holdLoad() {
      loadGate = deferred<ReaderSettings>();
      return loadGate;
    },
    /** The next save() rejects with this reason. */
    failNextSave(reason: unknown) {
      saveFailures.push(reason);
    },
    remote(settings: ReaderSettings) {
      stored = settings;
      for (const listener of [...listeners]) listener(settings);
    },
  };
}

type Hook = ReturnType<typeof useReaderSettings>;
let hook: Hook;
const { root, rerender } = useRoot();

/** Shows what the hook returns in the DOM, the way the popup and the in-page view do. */
function Probe({ store }: { store: SettingsStore }) {
  hook = useReaderSettings(store);
  const { settings, ready, error } = hook;
  return h(
    'div',
    { 'data-ready': String(ready) },
    h('output', { class: 'size' }, String(settings.fontSize)),
    h('output', { class: 'theme' }, settings.theme),
    error ? h('p', { class: 'error' }, error) : null,
  );
}

const shown = () => ({
  ready: root().firstElementChild?.getAttribute('data-ready'),
  fontSize: Number(root().querySelector('.size')?.textContent),
  theme: root().querySelector('.theme')?.textContent,
  error: root().querySelector('.error')?.textContent ?? null,
});

async function mount(store: SettingsStore) {
  await rerender(h(Probe, { store }));
}

/** Lets pending promises (load, save) settle and the component re-render. */
async function settle() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function update(next: ReaderSettings) {
  await act(() => hook.update(next));
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('useReaderSettings: loading', () => {
  it('starts with the defaults, then shows the loaded settings and becomes ready', async () => {
    const fake = fakeStore();
    const gate = fake.holdLoad();
    await mount(fake.store);

    expect(hook.ready).toBe(false);
    expect(hook.settings).toEqual(DEFAULT_SETTINGS);
    expect(shown()).toMatchObject({ ready: 'false', fontSize: DEFAULT_SETTINGS.fontSize, theme: 'auto' });

    await act(async () => {
      gate.resolve(STORED);
      await gate.promise;
    });

    expect(hook.ready).toBe(true);
    expect(hook.settings).toEqual(STORED);
    expect(shown()).toEqual({ ready: 'true', fontSize: 22, theme: 'dark', error: null });
    expect(fake.load).toHaveBeenCalledTimes(1);
    expect(fake.watch).toHaveBeenCalledTimes(1);
    // Loading writes nothing back.
    await advance(SAVE_DELAY_MS * 3);
    expect(fake.saved).toEqual([]);
  });

  it('shows the defaults, ready, with the reason when loading fails', async () => {
    const fake = fakeStore();
    const gate = fake.holdLoad();
    await mount(fake.store);
    await act(async () => {
      gate.reject(new Error('storage is unavailable'));
      await gate.promise.catch(() => undefined);
    });

    expect(hook.settings).toEqual(DEFAULT_SETTINGS);
    expect(shown()).toMatchObject({
      ready: 'true',
      fontSize: DEFAULT_SETTINGS.fontSize,
      error: 'storage is unavailable',
    });
  });

  it('keeps a change made before loading finished (it is newer than what was loaded)', async () => {
    const fake = fakeStore();
    const gate = fake.holdLoad();
    await mount(fake.store);
    const local = { ...DEFAULT_SETTINGS, fontSize: 25 };
    await update(local);

    await act(async () => {
      gate.resolve(STORED);
      await gate.promise;
    });
    expect(shown().fontSize).toBe(25);

    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toEqual([local]);
  });
});

describe('useReaderSettings: saving', () => {
  it('shows each change at once and saves a burst of 5 changes once, with the last value', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    const sizes = [23, 24, 25, 26, 27];
    for (const fontSize of sizes) {
      await update({ ...STORED, fontSize });
      expect(shown().fontSize).toBe(fontSize);
      await advance(SAVE_DELAY_MS - 50);
      expect(fake.saved).toEqual([]);
    }
    // The delay counts from the last change.
    await advance(49);
    expect(fake.saved).toEqual([]);
    await advance(1);
    expect(fake.saved).toEqual([{ ...STORED, fontSize: 27 }]);

    await advance(SAVE_DELAY_MS * 5);
    expect(fake.save).toHaveBeenCalledTimes(1);
    expect(fake.stored.fontSize).toBe(27);
  });

  it('saves twice for two changes further apart than the delay', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    await update({ ...STORED, fontSize: 20 });
    await advance(SAVE_DELAY_MS);
    await update({ ...STORED, fontSize: 21 });
    await advance(SAVE_DELAY_MS);
    expect(fake.saved.map((s) => s.fontSize)).toEqual([20, 21]);
  });

  it('shows why a save failed, and clears it once a later save succeeds', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    fake.failNextSave(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await update({ ...STORED, theme: 'sepia' });
    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toHaveLength(1);
    expect(hook.error).toBe('QUOTA_BYTES_PER_ITEM quota exceeded');
    expect(shown().error).toBe('QUOTA_BYTES_PER_ITEM quota exceeded');
    // The change stays on screen even though it was not stored.
    expect(shown().theme).toBe('sepia');

    fake.failNextSave('MAX_WRITE_OPERATIONS_PER_MINUTE');
    await update({ ...STORED, theme: 'light' });
    await advance(SAVE_DELAY_MS);
    expect(shown().error).toBe('MAX_WRITE_OPERATIONS_PER_MINUTE');

    await update({ ...STORED, theme: 'dark' });
    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toHaveLength(3);
    expect(hook.error).toBeNull();
    expect(shown().error).toBeNull();
  });
});

describe('useReaderSettings: changes from elsewhere', () => {
  it('shows a change made on another device', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    const other = { ...STORED, fontSize: 15, theme: 'light' as const };
    await act(() => fake.remote(other));
    expect(hook.settings).toEqual(other);
    expect(shown()).toMatchObject({ fontSize: 15, theme: 'light' });
    // Showing it does not write it back.
    await advance(SAVE_DELAY_MS * 2);
    expect(fake.saved).toEqual([]);
  });

  it('ignores a change from elsewhere while a local change is pending, and saves the local one', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    const local = { ...STORED, fontSize: 26 };
    await update(local);
    await advance(SAVE_DELAY_MS / 2);
    await act(() => fake.remote({ ...STORED, fontSize: 14, theme: 'sepia' }));
    expect(shown()).toMatchObject({ fontSize: 26, theme: 'dark' });

    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toEqual([local]);
    expect(shown()).toMatchObject({ fontSize: 26, theme: 'dark' });

    // Once nothing is pending, changes from elsewhere show again.
    await act(() => fake.remote({ ...STORED, fontSize: 16 }));
    expect(shown().fontSize).toBe(16);
  });

  it('uses the latest remote change as the base for the next local one', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    await act(() => fake.remote({ ...STORED, theme: 'light' }));
    await update({ ...hook.settings, fontSize: 19 });
    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toEqual([{ ...STORED, theme: 'light', fontSize: 19 }]);
  });
});

describe('useReaderSettings: closing', () => {
  it('saves a pending change at once when unmounted, and only once', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    await update({ ...STORED, fontSize: 14 });
    await update({ ...STORED, fontSize: 15 });
    expect(fake.saved).toEqual([]);
    await rerender(null); // unmounts
    expect(fake.saved).toEqual([{ ...STORED, fontSize: 15 }]);
    // It stopped watching.
    expect(fake.listeners.size).toBe(0);

    await advance(SAVE_DELAY_MS * 3);
    expect(fake.save).toHaveBeenCalledTimes(1);
  });

  it('saves nothing when unmounted with no pending change', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();
    await update({ ...STORED, fontSize: 14 });
    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toHaveLength(1);

    await rerender(null); // unmounts
    await advance(SAVE_DELAY_MS);
    expect(fake.saved).toHaveLength(1);
  });

  it('swallows a failure of the save made while unmounting (no unhandled rejection)', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();
    await update({ ...STORED, fontSize: 14 });
    fake.failNextSave(new Error('gone'));
    await rerender(null); // unmounts
    await settle();
    expect(fake.saved).toHaveLength(1);
  });

  it('saves a pending change at once on pagehide, and only once', async () => {
    const fake = fakeStore();
    await mount(fake.store);
    await settle();

    await update({ ...STORED, lineHeight: 2 });
    await act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(fake.saved).toEqual([{ ...STORED, lineHeight: 2 }]);

    await advance(SAVE_DELAY_MS * 3);
    expect(fake.save).toHaveBeenCalledTimes(1);

    // Nothing pending: another pagehide writes nothing.
    await act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(fake.save).toHaveBeenCalledTimes(1);
  });

  it('stops listening for pagehide once unmounted', async () => {
    const added = vi.spyOn(globalThis, 'addEventListener');
    const removed = vi.spyOn(globalThis, 'removeEventListener');
    const fake = fakeStore();
    await mount(fake.store);
    await settle();
    const listeners = added.mock.calls.filter(([type]) => type === 'pagehide').map(([, listener]) => listener);
    expect(listeners).toHaveLength(1);
    expect(removed.mock.calls.filter(([type]) => type === 'pagehide')).toEqual([]);

    await rerender(null); // unmounts
    expect(removed.mock.calls.filter(([type]) => type === 'pagehide').map(([, listener]) => listener)).toEqual(
      listeners,
    );
    added.mockRestore();
    removed.mockRestore();
  });
});

describe('useReaderSettings: the last settings seen', () => {
  it('starts with the copy the store keeps, then takes the stored settings and keeps them, and every change', async () => {
    const fake = fakeStore();
    const copies: ReaderSettings[] = [];
    const lastSeen = { ...DEFAULT_SETTINGS, theme: 'sepia' as const, fontSize: 19 };
    const gate = fake.holdLoad();
    await mount({ ...fake.store, lastSeen: () => lastSeen, remember: (settings) => copies.push(settings) });
    // Before storage answers: the copy, not the defaults (no flash of the default theme).
    expect(shown()).toMatchObject({ ready: 'false', theme: 'sepia', fontSize: 19 });
    gate.resolve(STORED);
    await settle();
    expect(shown()).toMatchObject({ ready: 'true', theme: 'dark', fontSize: 22 });
    expect(copies.at(-1)).toEqual(STORED);
    await update({ ...STORED, fontSize: 24 });
    expect(copies.at(-1)?.fontSize).toBe(24);
    await advance(SAVE_DELAY_MS); // saved: a change from elsewhere is taken again
    fake.remote({ ...STORED, theme: 'light' });
    await settle();
    expect(copies.at(-1)?.theme).toBe('light');
  });
});
