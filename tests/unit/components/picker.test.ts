// @vitest-environment jsdom
// The pick mode's moves (components/pick/picker.ts) on a small article: arrows, Tab and Shift+Tab, Home and End
// go from block to block and skip hidden ones, Enter and a click choose (a link's click does not open it), Esc
// leaves, other keys pass; stopping puts the blocks back as they were.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PICK_CURRENT, PICKING, startPicker, type Picker } from '../../../components/pick/picker.ts';

function article() {
  const root = document.createElement('div');
  root.innerHTML = `<p>One</p><div class="promo"><p>Offer</p><p><a href="/sub">Subscribe</a></p></div>
    <p hidden>Hidden before</p><p tabindex="0">Three</p><p>Four</p>`;
  document.body.append(root);
  return { root, blocks: Array.from(root.children) };
}

const key = (target: EventTarget, k: string, shiftKey = false) => {
  const event = new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
};

let picker: Picker | null = null;
afterEach(() => {
  picker?.stop();
  picker = null;
  document.body.innerHTML = '';
});

describe('pick mode', () => {
  it('moves with arrows, Tab, Home and End, skipping hidden blocks; Enter chooses; Esc leaves', () => {
    const { root, blocks } = article();
    const onChoose = vi.fn();
    const onLeave = vi.fn();
    picker = startPicker({ blocks, root, keys: root, start: 0, onChoose, onLeave });
    expect(root.hasAttribute(PICKING)).toBe(true);
    expect(blocks[0]!.hasAttribute(PICK_CURRENT)).toBe(true);
    expect(document.activeElement).toBe(blocks[0]);

    expect(key(root, 'ArrowDown').defaultPrevented).toBe(true);
    expect(picker.current()).toBe(1);
    key(root, 'Tab');
    expect(picker.current()).toBe(3); // block 2 is hidden
    key(root, 'Tab', true);
    expect(picker.current()).toBe(1);
    key(root, 'End');
    expect(picker.current()).toBe(4);
    key(root, 'ArrowDown'); // stays at the end
    expect(picker.current()).toBe(4);
    key(root, 'Home');
    expect(picker.current()).toBe(0);
    expect(blocks.filter((b) => b.hasAttribute(PICK_CURRENT))).toEqual([blocks[0]]);

    expect(key(root, 'a').defaultPrevented).toBe(false); // the view's own letters pass
    key(root, 'ArrowRight');
    key(root, 'Enter');
    expect(onChoose).toHaveBeenCalledWith(1);
    key(root, 'Escape');
    expect(onLeave).toHaveBeenCalledOnce();
  });

  it('outlines the block under the pointer; a click chooses it, a link in it does not open', () => {
    const { root, blocks } = article();
    const onChoose = vi.fn();
    picker = startPicker({ blocks, root, keys: root, start: 0, onChoose, onLeave: () => undefined });
    const link = root.querySelector('a')!;
    link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(picker.current()).toBe(1);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(onChoose).toHaveBeenCalledWith(1);
  });

  it('stopping leaves the blocks as they were', () => {
    const { root, blocks } = article();
    picker = startPicker({ blocks, root, keys: root, start: 3, onChoose: vi.fn(), onLeave: vi.fn() });
    expect(blocks.every((b) => b.hasAttribute('tabindex'))).toBe(true);
    picker.stop();
    picker = null;
    expect(root.hasAttribute(PICKING)).toBe(false);
    expect(blocks.map((b) => b.getAttribute('tabindex'))).toEqual([null, null, null, '0', null]);
    expect(blocks.some((b) => b.hasAttribute(PICK_CURRENT))).toBe(false);
    expect(key(root, 'ArrowDown').defaultPrevented).toBe(false);
  });
});
