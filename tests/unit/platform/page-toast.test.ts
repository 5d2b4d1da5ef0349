// @vitest-environment jsdom
// The confirmation a save by shortcut or page menu shows in the page (platform/page-toast.ts), run on a DOM.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOAST_GLOBAL, TOAST_MS, toastInPage, type ToastHandle } from '../../../platform/page-toast.ts';

const handle = () => (globalThis as Record<string, unknown>)[TOAST_GLOBAL] as ToastHandle | undefined;

describe('toastInPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.documentElement.replaceChildren(document.createElement('head'), document.createElement('body'));
  });

  it('a plain div after the body, its closed shadow root holding a polite status that takes no clicks', async () => {
    vi.useFakeTimers();
    toastInPage(TOAST_GLOBAL, 'Saved: A title', true, TOAST_MS, 'en');
    const host = document.documentElement.lastElementChild as HTMLElement;
    expect(host.localName).toBe('div');
    expect(host).toBe(handle()?.host);
    expect(host.shadowRoot).toBeNull(); // closed: the page cannot read or restyle it
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    const box = handle()!.box;
    expect(box.getAttribute('role')).toBe('status');
    expect(box.lang).toBe('en');
    // The text comes after the region is in the page, so that screen readers announce it.
    expect(box.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(100);
    expect(box.textContent).toBe('Saved: A title');
    await vi.advanceTimersByTimeAsync(TOAST_MS);
    expect(host.isConnected).toBe(false);
    expect(handle()).toBeUndefined();
  });

  it('a second save replaces the first toast instead of stacking', async () => {
    vi.useFakeTimers();
    toastInPage(TOAST_GLOBAL, 'Saved: one', true, TOAST_MS, 'en');
    const first = handle()!.host;
    await vi.advanceTimersByTimeAsync(TOAST_MS - 1_000);
    toastInPage(TOAST_GLOBAL, 'Not saved: two', false, TOAST_MS, 'fr');
    expect(first.isConnected).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000); // the first one's timer is gone with it
    expect(handle()?.host.isConnected).toBe(true);
    expect(handle()?.box.textContent).toBe('Not saved: two');
    expect(document.querySelectorAll('html > div')).toHaveLength(1);
  });
});
