// Reading with a pen, in the offline reader: selecting text offers Highlight (four colours) and Note; clicking
// a highlight opens it (note, colour, delete with undo); H and N do the same from the keyboard. Every action is
// said in a live region. The article's highlights and those not found in its current text are listed below it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../core/reading-list/index.ts';
import type { Translate } from '../../contracts/i18n.ts';
import { StatusLine } from '../StatusLine.tsx';
import { HighlightEditor } from './HighlightEditor.tsx';
import { HighlightSection } from './HighlightSection.tsx';
import { COLOR_KEY, useArticleHighlights, type HighlightStore, type PlacedHighlight } from './useArticleHighlights.ts';
import './highlights.css';

export interface ArticleHighlightsProps {
  /** The element showing the article's text (`main article .content`); null until it is rendered. */
  root: Element | null;
  itemId: string;
  store: HighlightStore;
  article: { title: string; url: string };
  /** A highlight to show at once (the reader's address ends with #hl-<id>). */
  focusId?: string | null;
  t: Translate;
  locale: string;
}

/** Where a floating panel goes: above the rectangle when there is room, else below it; inside the viewport. */
function placement(rect: DOMRect, width: number, height: number) {
  const left = Math.max(8, Math.min(window.innerWidth - width - 8, rect.left + rect.width / 2 - width / 2));
  const top = rect.top - height - 10 >= 8 ? rect.top - height - 10 : rect.bottom + 10;
  return { left: `${Math.round(left)}px`, top: `${Math.round(Math.min(top, window.innerHeight - height - 8))}px` };
}

const isField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

const EXTEND: Record<string, ['forward' | 'backward', 'character' | 'line']> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
};

/**
 * Shift+arrows from a caret or selection in the article extend it, as in a text field. Firefox does so by
 * itself, Chromium only with caret browsing: done here in both, the same way (the browser's own move cancelled).
 */
function extendSelection(event: KeyboardEvent, root: Element | null) {
  const how = EXTEND[event.key];
  const s = document.getSelection();
  if (!how || event.defaultPrevented || !root || !s?.focusNode || !root.contains(s.focusNode)) return;
  event.preventDefault();
  s.modify('extend', how[0], event.ctrlKey || event.altKey ? (how[1] === 'line' ? 'paragraph' : 'word') : how[1]);
}

/** The selection in the article as it is now, or null. */
function selectionIn(root: Element | null): Range | null {
  const s = document.getSelection();
  const range = s && s.rangeCount && !s.isCollapsed ? s.getRangeAt(0) : null;
  return range && root?.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
}

export function ArticleHighlights(props: ArticleHighlightsProps) {
  const { root, t } = props;
  const hl = useArticleHighlights({ root, itemId: props.itemId, store: props.store, t });
  /** The selection in the article, while there is one. */
  const [selection, setSelection] = useState<Range | null>(null);
  /** The highlight open in the editor, and whether its note field takes the focus. */
  const [open, setOpen] = useState<{ id: string; note: boolean } | null>(null);
  const [, setTick] = useState(0);
  const focused = useRef(false);

  useEffect(() => {
    if (!root) return;
    const onSelection = () => setSelection(selectionIn(root));
    const onClick = (event: MouseEvent) => {
      if (document.getSelection()?.isCollapsed === false || !hl.model) return;
      const doc = document as Document & {
        caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      };
      const caret = doc.caretPositionFromPoint?.(event.clientX, event.clientY);
      const point = caret
        ? { node: caret.offsetNode, offset: caret.offset }
        : (() => {
            const r = document.caretRangeFromPoint?.(event.clientX, event.clientY);
            return r ? { node: r.startContainer, offset: r.startOffset } : null;
          })();
      const found = point ? hl.at(hl.model.offsetOf(point.node, point.offset)) : null;
      setOpen(found ? { id: found.id, note: false } : null);
    };
    // Panels follow the text they belong to.
    const onMove = () => setTick((n) => n + 1);
    onSelection(); // a selection made before the article's element was known
    document.addEventListener('selectionchange', onSelection);
    root.addEventListener('click', onClick as EventListener);
    window.addEventListener('scroll', onMove, { passive: true });
    window.addEventListener('resize', onMove);
    return () => {
      document.removeEventListener('selectionchange', onSelection);
      root.removeEventListener('click', onClick as EventListener);
      window.removeEventListener('scroll', onMove);
      window.removeEventListener('resize', onMove);
    };
  }, [root, hl.model, hl.placed]);

  const highlight = async (color: HighlightColor, withNote: boolean, range = selection) => {
    const made = await hl.add(range, color);
    if (!made) return;
    document.getSelection()?.removeAllRanges();
    setSelection(null);
    setOpen(withNote ? { id: made.id, note: true } : null);
  };

  // H highlights the selection in the last colour used, N highlights it and opens its note. Registered once and
  // reading the latest state: a key pressed right after selecting must not meet an older listener.
  const latest = useRef({ color: hl.color, highlight, root });
  latest.current = { color: hl.color, highlight, root };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.shiftKey && !isField(event.target)) extendSelection(event, latest.current.root);
      if (event.altKey || event.ctrlKey || event.metaKey || isField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'escape') setOpen(null);
      if (key !== 'h' && key !== 'n') return;
      // The selection as it is now: the state follows selectionchange, which comes after a quick Shift+arrow.
      const range = selectionIn(latest.current.root);
      if (!range) return;
      event.preventDefault();
      void latest.current.highlight(latest.current.color, key === 'n', range);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Reached from the Highlights view (#hl-<id>): brought into view and opened, once.
  const placedById = new Map(hl.placed.map((h) => [h.id, h]));
  useEffect(() => {
    if (focused.current || !hl.loaded || !props.focusId) return;
    focused.current = true;
    const target = placedById.get(props.focusId);
    if (target) show(target);
  }, [hl.loaded, hl.placed]);

  function show(h: PlacedHighlight) {
    const rect = hl.rangeOf(h)?.getBoundingClientRect();
    if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
    setOpen({ id: h.id, note: false });
  }

  const editing = open ? placedById.get(open.id) : undefined;
  const selectionRect = selection && !editing ? selection.getBoundingClientRect() : null;
  const keysHint = t('hlKeysHint');

  return (
    <>
      {selectionRect && (
        <div
          class="hl-toolbar"
          role="toolbar"
          aria-label={t('hlToolbar')}
          title={keysHint}
          style={placement(selectionRect, 230, 40)}
          // Pressing a button must not clear the selection it acts on.
          onMouseDown={(event) => event.preventDefault()}
        >
          {HIGHLIGHT_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              class={`hl-swatch hl-${color}`}
              aria-label={t('hlHighlightIn', [t(COLOR_KEY[color])])}
              title={t('hlHighlightIn', [t(COLOR_KEY[color])])}
              aria-keyshortcuts={color === hl.color ? 'H' : undefined}
              onClick={() => void highlight(color, false)}
            />
          ))}
          <button
            type="button"
            class="hl-note-button"
            title={keysHint}
            aria-keyshortcuts="N"
            onClick={() => void highlight(hl.color, true)}
          >
            {t('hlNote')}
          </button>
        </div>
      )}
      {editing && (
        <HighlightEditor
          key={editing.id}
          highlight={editing}
          style={(() => {
            const rect = hl.rangeOf(editing)?.getBoundingClientRect();
            return rect ? placement(rect, 320, 210) : {};
          })()}
          focusNote={open?.note ?? false}
          t={t}
          onColor={(color) => void hl.change(editing.id, { field: 'color', value: color })}
          onNote={(note) => hl.change(editing.id, { field: 'note', value: note })}
          onDelete={() => {
            setOpen(null);
            void hl.change(editing.id, { field: 'deleted', value: true });
          }}
          onClose={() => setOpen(null)}
        />
      )}
      <HighlightSection
        ready={hl.loaded}
        placed={hl.placed}
        orphans={hl.orphans}
        unreadable={hl.unreadable}
        article={props.article}
        t={t}
        locale={props.locale}
        onShow={show}
        onChange={(id, change) => void hl.change(id, change)}
      />
      <StatusLine
        class="hl-status"
        said={hl.said}
        onUndo={hl.undoable ? hl.undo : null}
        undoLabel={t('undo')}
        undoClass="hl-undo"
      />
    </>
  );
}
