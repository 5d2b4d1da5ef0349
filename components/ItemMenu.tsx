import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Ellipsis, Icon, type IconData } from './icons.tsx';

export interface MenuEntry {
  id: string;
  label: string;
  icon: IconData;
  /** The key that does the same on a focused item, as shown ("A", "Suppr")… */
  shortcut?: string;
  /** …and as aria-keyshortcuts names it ("A", "Delete"). */
  keys?: string;
  /** For on/off entries (favourite): rendered as a menuitemcheckbox. */
  checked?: boolean;
  onSelect: () => void;
}

/**
 * A compact "more actions" menu (WAI-ARIA menu button): the button says it opens a menu, the arrow keys, Home and
 * End move between entries, Escape closes it and gives the focus back, a click elsewhere closes it. Presentational.
 */
export function ItemMenu({ label, entries }: { label: string; entries: MenuEntry[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // the in-page view closes on Escape too: only the menu closes
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <div class="item-menu">
      <button
        ref={button}
        type="button"
        class="item-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon icon={Ellipsis} />
      </button>
      {open && (
        <div ref={menu} id={id} class="menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
          {entries.map((entry) => (
            <button
              key={entry.id}
              type="button"
              tabIndex={-1}
              class={`menu-item action-${entry.id}`}
              role={entry.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={entry.checked}
              aria-keyshortcuts={entry.keys ?? entry.shortcut}
              onClick={() => {
                close(true);
                entry.onSelect();
              }}
            >
              <Icon icon={entry.icon} size={16} />
              <span class="menu-label">{entry.label}</span>
              {entry.shortcut && <kbd>{entry.shortcut}</kbd>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
