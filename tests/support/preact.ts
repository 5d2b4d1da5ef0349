// Renders Preact components into jsdom for component tests (files that run under `@vitest-environment jsdom`).
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A fresh container in the document for each test, unmounted and removed after it. Returns the functions that
 * mount into it; `root()` is the current container.
 */
export function useRoot() {
  let current: HTMLElement | null = null;
  beforeEach(() => {
    current = document.createElement('div');
    document.body.append(current);
  });
  afterEach(async () => {
    if (current) await act(() => render(null, current!));
    current?.remove();
    current = null;
  });
  const root = () => {
    if (!current) throw new Error('no root: mount from inside a test');
    return current;
  };
  /** Renders `vnode` (replacing what was there) and its effects. */
  const rerender = async (vnode: ComponentChild): Promise<HTMLElement> => {
    await act(() => {
      render(vnode, root());
    });
    return root();
  };
  /** Renders `vnode`, then lets the parts that load on demand arrive and render. */
  const mount = async (vnode: ComponentChild): Promise<HTMLElement> => {
    await rerender(vnode);
    await vi.dynamicImportSettled();
    await act(() => Promise.resolve());
    return root();
  };
  return { root, mount, rerender };
}

/**
 * A real click on `element`: bubbles and can be cancelled. Returns whether the component prevented the default
 * (seen once the event has bubbled out of `root`); the default is then prevented anyway, so that jsdom does not try
 * to follow a link.
 */
export function click(element: Element | null, root: HTMLElement): boolean {
  if (!element) throw new Error('nothing to click');
  let prevented: boolean | undefined;
  const after = (event: Event) => {
    prevented = event.defaultPrevented;
    event.preventDefault();
  };
  root.addEventListener('click', after);
  try {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  } finally {
    root.removeEventListener('click', after);
  }
  if (prevented === undefined) throw new Error('the click did not bubble out of the view');
  return prevented;
}
