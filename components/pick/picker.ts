// "Hide a block": the pick mode over a rendered article, framework-free. The blocks (articleBlocks, so that block i
// is the extraction's provenance[i]) become focusable; the one under the pointer or keyboard focus is outlined;
// arrows and Tab move between them, Enter or a click chooses, Esc leaves. Keys are taken in the capture phase on
// `keys` (the view's dialog), before Listen's own arrows and space and before the view's letters.

/** Marks the block outlined, and the article while picking (pick.css draws both). */
export const PICK_CURRENT = 'data-pick-current';
export const PICKING = 'data-picking';

export interface PickerOptions {
  /** The article's blocks, in order; hidden ones are skipped. */
  blocks: readonly Element[];
  /** Where the article is (pointer events are heard there). */
  root: Element;
  /** Where keys are heard. */
  keys: EventTarget;
  /** Where to start: the first block in view by default. */
  start?: number;
  /** The block now outlined (its index in `blocks`). */
  onMove?: (index: number) => void;
  onChoose: (index: number) => void;
  onLeave: () => void;
}

export interface Picker {
  stop(): void;
  /** The outlined block's index. */
  current(): number;
}

const visible = (el: Element) => !(el as HTMLElement).hidden;

/** The first block whose bottom is below the top of the view (the reader is looking at it). */
function firstInView(blocks: readonly Element[]): number {
  const i = blocks.findIndex((b) => visible(b) && b.getBoundingClientRect().bottom > 80);
  return i < 0 ? blocks.findIndex(visible) : i;
}

export function startPicker(options: PickerOptions): Picker {
  const { blocks, root, keys } = options;
  const saved = blocks.map((b) => b.getAttribute('tabindex'));
  let at = -1;
  root.setAttribute(PICKING, '');
  for (const b of blocks) b.setAttribute('tabindex', '-1');

  const move = (index: number) => {
    const block = blocks[index];
    if (!block) return;
    blocks[at]?.removeAttribute(PICK_CURRENT);
    at = index;
    block.setAttribute(PICK_CURRENT, '');
    (block as HTMLElement).focus({ preventScroll: true });
    block.scrollIntoView?.({ block: 'nearest' });
    options.onMove?.(index);
  };
  /** The next visible block from the current one, `step` 1 or -1; stays put at either end. */
  const step = (by: 1 | -1) => {
    for (let i = at + by; i >= 0 && i < blocks.length; i += by) {
      if (visible(blocks[i]!)) return move(i);
    }
  };
  const indexOf = (target: EventTarget | null) =>
    target instanceof Element ? blocks.findIndex((b) => b === target || b.contains(target)) : -1;

  const onKey = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const forward = e.key === 'ArrowDown' || e.key === 'ArrowRight' || (e.key === 'Tab' && !e.shiftKey);
    const back = e.key === 'ArrowUp' || e.key === 'ArrowLeft' || (e.key === 'Tab' && e.shiftKey);
    if (forward) step(1);
    else if (back) step(-1);
    else if (e.key === 'Home') move(blocks.findIndex(visible));
    else if (e.key === 'End') move(blocks.length - 1 - [...blocks].reverse().findIndex(visible));
    else if ((e.key === 'Enter' || e.key === ' ') && at >= 0) options.onChoose(at);
    else if (e.key === 'Escape') options.onLeave();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onOver = (event: Event) => {
    const i = indexOf(event.target);
    if (i >= 0 && i !== at && visible(blocks[i]!)) move(i);
  };
  const onClick = (event: Event) => {
    const i = indexOf(event.target);
    if (i < 0) return;
    // A link in the block is part of the block here, not a way out.
    event.preventDefault();
    event.stopPropagation();
    options.onChoose(i);
  };
  keys.addEventListener('keydown', onKey, true);
  root.addEventListener('mouseover', onOver);
  root.addEventListener('click', onClick, true);
  const first = options.start ?? firstInView(blocks);
  if (first >= 0) move(first);

  return {
    current: () => at,
    stop() {
      keys.removeEventListener('keydown', onKey, true);
      root.removeEventListener('mouseover', onOver);
      root.removeEventListener('click', onClick, true);
      root.removeAttribute(PICKING);
      blocks.forEach((b, i) => {
        b.removeAttribute(PICK_CURRENT);
        const tabindex = saved[i];
        if (tabindex === null || tabindex === undefined) b.removeAttribute('tabindex');
        else b.setAttribute('tabindex', tabindex);
      });
    },
  };
}
