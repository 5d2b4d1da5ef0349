// Reading with a pen, in the offline reader: selecting text offers Highlight (four colours) and Note; clicking
// a highlight opens it (note, colour, delete with undo); H and N do the same from the keyboard. Every action is
// said in a live region. The article's highlights and those not found in its current text are listed below it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../core/reading-list/index.ts';
import type { Translate } from '../../contracts/i18n.ts';
import { StatusLine } from '../StatusLine.tsx';
import { HighlightEditor } from './HighlightEditor.tsx';
import { HighlightSection } from './HighlightSection.tsx';
import { COLOR_KEY, useArticleHighlights, type HighlightStore, type PlacedHighlight } from './useArticleHighlights.ts';
import { PaintLayer } from './PaintLayer.tsx';
import { caretAt, caretIn, scrollToRange, selectionIn, textRects, treeOf } from './tree.ts';

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
  /** See useArticleHighlights: hidden while the item is not in the list; what runs first (saving the page). */
  inList?: boolean;
  beforeAdd?: () => Promise<string | null>;
  /** 'boxes' in a shadow root (the in-page view): painted by PaintLayer, not the page's CSS.highlights. */
  paint?: 'registry' | 'boxes';
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
  if (!how || event.defaultPrevented || !s || !caretIn(root)) return;
  event.preventDefault();
  s.modify('extend', how[0], event.ctrlKey || event.altKey ? (how[1] === 'line' ? 'paragraph' : 'word') : how[1]);
}

export function ArticleHighlights(props: ArticleHighlightsProps) {
  const { root, t } = props;
  const hl = useArticleHighlights({
    root,
    itemId: props.itemId,
    store: props.store,
    t,
    inList: props.inList,
    beforeAdd: props.beforeAdd,
    paint: props.paint,
  });
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
      if (selectionIn(root) || !hl.model) return;
      const { clientX: x, clientY: y } = event;
      const point = caretAt(root, x, y);
      const hit = (r: DOMRect) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      // No caret from a point in this tree (a shadow root, in some browsers): the painted boxes tell.
      const found = point
        ? hl.at(hl.model.offsetOf(point.node, point.offset))
        : (hl.placed.find((h) => textRects(hl.rangeOf(h)!).some(hit)) ?? null);
      setOpen(found ? { id: found.id, note: false } : null);
    };
    // Panels follow the text they belong to (scroll events do not bubble: heard while captured).
    const onMove = () => setTick((n) => n + 1);
    const tree = treeOf(root);
    onSelection(); // a selection made before the article's element was known
    document.addEventListener('selectionchange', onSelection);
    root.addEventListener('click', onClick as EventListener);
    tree.addEventListener('scroll', onMove, { passive: true, capture: true });
    window.addEventListener('resize', onMove);
    return () => {
      document.removeEventListener('selectionchange', onSelection);
      root.removeEventListener('click', onClick as EventListener);
      tree.removeEventListener('scroll', onMove, { capture: true });
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

  // H highlights the selection in the last colour used, N highlights it and opens its note. Registered once per
  // tree (keys in a shadow root do not reach the document) and reading the latest state: a key pressed right
  // after selecting must not meet an older listener.
  const latest = useRef({ color: hl.color, highlight, root });
  latest.current = { color: hl.color, highlight, root };
  const keyTree = root ? treeOf(root) : document;
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
    keyTree.addEventListener('keydown', onKey as EventListener);
    return () => keyTree.removeEventListener('keydown', onKey as EventListener);
  }, [keyTree]);

  // Reached from the Highlights view (#hl-<id>): brought into view and opened, once.
  const placedById = new Map(hl.placed.map((h) => [h.id, h]));
  useEffect(() => {
    if (focused.current || !hl.loaded || !props.focusId) return;
    focused.current = true;
    const target = placedById.get(props.focusId);
    if (target) show(target);
  }, [hl.loaded, hl.placed]);

  function show(h: PlacedHighlight) {
    const range = hl.rangeOf(h);
    if (range) scrollToRange(range);
    setOpen({ id: h.id, note: false });
  }

  // Measured again only when a highlight or the text model changes (PaintLayer).
  const spans = useMemo(
    () => hl.placed.map((h) => ({ id: h.id, color: h.color, range: hl.rangeOf(h) })),
    [hl.placed, hl.model],
  );
  const editing = open ? placedById.get(open.id) : undefined;
  const selectionRect = selection && !editing ? selection.getBoundingClientRect() : null;
  const keysHint = t('hlKeysHint');

  return (
    <>
      {props.paint === 'boxes' && root && <PaintLayer root={root} spans={spans} />}
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
