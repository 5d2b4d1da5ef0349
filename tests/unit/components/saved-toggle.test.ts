// @vitest-environment jsdom
// The popup's "Save for later" / "Saved" toggle (entrypoints/popup/use-saved.ts): saved, taken out, put back.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSaved, type SavedState } from '../../../entrypoints/popup/use-saved.ts';
import type { Article } from '../../../core/reader/index.ts';
import { useRoot } from '../../support/preact.ts';
import { sampleArticle } from '../../support/article.ts';

// The background's side of the messages: a reading list of one article at most.
const background = vi.hoisted(() => ({ saved: null as { id: string; title: string; deleted: boolean } | null }));
const sendMessage = vi.hoisted(() =>
  vi.fn((name: string, data: Record<string, unknown>) => {
    if (name === 'findSaved') return Promise.resolve(background.saved?.deleted ? null : background.saved);
    if (name === 'saveArticle') {
      background.saved = { id: 'a1', title: (data.article as Article).title, deleted: false };
      return Promise.resolve({ ok: true, item: background.saved });
    }
    if (name === 'changeItem') {
      const change = data.change as { field: string; value: boolean };
      if (background.saved && data.id === background.saved.id) background.saved.deleted = change.value;
      return Promise.resolve();
    }
    return Promise.reject(new Error(`unexpected ${name}`));
  }),
);
vi.mock('../../../platform/messaging.ts', () => ({ sendMessage }));

const ARTICLE = sampleArticle({ url: 'https://news.example/trains', title: 'Night trains return' });
const { rerender } = useRoot();
let latest: SavedState;

function Probe({ article }: { article: Article | null }) {
  latest = useSaved(article);
  return null;
}

/** Lets the messages (a dynamic import, then promises) settle and render. */
async function settle() {
  await vi.dynamicImportSettled();
  for (let i = 0; i < 5; i++) await act(() => Promise.resolve());
}

describe('useSaved', () => {
  beforeEach(() => {
    background.saved = null;
    sendMessage.mockClear();
  });

  it('saves, then "Saved" takes it out of the list with undo, and undo puts it back', async () => {
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    expect(latest.status).toBe('idle');

    latest.toggle();
    await settle();
    expect(latest.status).toBe('saved');
    expect(background.saved).toMatchObject({ id: 'a1', deleted: false });

    latest.toggle(); // "Saved" pressed again: unsave, not save again
    await settle();
    expect(latest.status).toBe('idle');
    expect(background.saved?.deleted).toBe(true);
    expect(latest.unsaved?.title).toBe('Night trains return');
    expect(sendMessage.mock.calls.filter(([name]) => name === 'saveArticle')).toHaveLength(1);

    latest.undo();
    await settle();
    expect(latest.status).toBe('saved');
    expect(latest.unsaved).toBeNull();
    expect(background.saved?.deleted).toBe(false);
  });

  it('an article already in the list starts as "Saved", and the toggle takes it out', async () => {
    background.saved = { id: 'a1', title: 'Night trains return', deleted: false };
    await rerender(h(Probe, { article: ARTICLE }));
    await settle();
    expect(latest.status).toBe('saved');
    latest.toggle();
    await settle();
    expect(background.saved.deleted).toBe(true);
    expect(latest.status).toBe('idle');
  });
});
