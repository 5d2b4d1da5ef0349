import { Icon, Undo2 } from './icons.tsx';

interface StatusLineProps {
  /** What the last action did, or why it failed; '' keeps the region (hidden) for the next one. */
  said: string;
  /** Set when that action can be undone. */
  onUndo?: (() => void) | null;
  undoLabel: string;
  /** The line's class: the reader's (centred at the foot) or a feature's own. */
  class?: string;
  undoClass?: string;
}

/** What the last action did: a live region always in the page (so it is announced), with Undo when there is one. */
export function StatusLine({
  said,
  onUndo,
  undoLabel,
  class: className = 'reader-status',
  undoClass,
}: StatusLineProps) {
  return (
    <p class={className} role="status" data-empty={!said}>
      <span>{said}</span>
      {onUndo && (
        <button type="button" class={undoClass ? `action-undo ${undoClass}` : 'action-undo'} onClick={onUndo}>
          <Icon icon={Undo2} size={14} />
          {undoLabel}
        </button>
      )}
    </p>
  );
}
