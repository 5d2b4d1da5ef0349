// An article's highlights in the offline reader: loaded from the store, located by their quote in the text as
// it is now (locateAnchors: a new extraction may have moved or changed it), painted with the CSS Custom
// Highlight API (no node changes: the article's text and Listen's ranges stay as they are), and the reader's
// changes sent to the store. Those that cannot be placed are kept and listed, never dropped.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  anchorOfRange,
  anchoringText,
  articleTextModel,
  locateAnchor,
  sortByPosition,
  toHighlight,
  type AnchorResult,
  type ArticleTextModel,
  type Highlight,
  type HighlightAnchor,
  type HighlightChange,
  type HighlightColor,
  type HighlightRecord,
} from '../../core/reading-list/index.ts';
import { errorMessage } from '../../core/util/index.ts';
import { describeError } from '../../contracts/error-reasons.ts';
import type { MessageKey, Translate } from '../../contracts/i18n.ts';

/** Where highlights are kept (the background, through messages): injected, so that tests pass their own. */
export interface HighlightStore {
  list(item: string): Promise<{ records: HighlightRecord[]; unreadable: number }>;
  add(request: {
    item: string;
    anchor: HighlightAnchor;
    color: HighlightColor;
    note?: string;
  }): Promise<HighlightRecord>;
  change(id: string, change: HighlightChange): Promise<HighlightRecord>;
  /** Calls back with the items whose highlights arrived from another device (a sync); returns the unsubscribe. */
  watch?(callback: (items: string[]) => void): () => void;
}

/** The names the painted ranges are registered under (highlights.css styles them). */
export const PAINT_PREFIX = 'cr-hl-';
export const COLOR_KEY: Record<HighlightColor, MessageKey> = {
  yellow: 'hlColorYellow',
  green: 'hlColorGreen',
  blue: 'hlColorBlue',
  pink: 'hlColorPink',
};

interface HighlightRegistry {
  set(name: string, value: unknown): void;
  delete(name: string): void;
}
type HighlightConstructor = new (...ranges: Range[]) => unknown;

/** The page's highlight registry and constructor, when the browser has them (jsdom has not). */
function paintApi(): { registry: HighlightRegistry; Painted: HighlightConstructor } | null {
  const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
  const Painted = (globalThis as { Highlight?: HighlightConstructor }).Highlight;
  return registry && Painted ? { registry, Painted } : null;
}

export interface PlacedHighlight extends Highlight {
  start: number;
  end: number;
  /** What the article says there now (the quote itself, or the text it was found as after a change). */
  text: string;
}

export function useArticleHighlights(options: {
  /** The element that shows the article's sanitized HTML; null until it is rendered. */
  root: Element | null;
  itemId: string;
  store: HighlightStore;
  t: Translate;
  /** False while the item is not in the reading list (not saved yet, or taken out): its highlights are hidden. */
  inList?: boolean;
  /**
   * Runs before a highlight is stored (the in-page view saves a page not saved yet): null when it did nothing,
   * '' when it saved, else what it says about that (a warning), said with the highlight.
   */
  beforeAdd?: () => Promise<string | null>;
  /** 'boxes': not painted here (PaintLayer draws them); else the CSS Custom Highlight API. */
  paint?: 'registry' | 'boxes';
}) {
  const { root, itemId, store, t } = options;
  const inList = options.inList ?? true;
  const [records, setRecords] = useState<ReadonlyMap<string, HighlightRecord>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [unreadable, setUnreadable] = useState(0);
  /** What the last action did, or why it failed (the live region says it). */
  const [said, setSaid] = useState('');
  /** The highlight just deleted, while its deletion can be undone. */
  const [undoable, setUndoable] = useState<string | null>(null);
  const [color, setColor] = useState<HighlightColor>('yellow');
  const busy = useRef(false);
  /** Bumped when another device's highlights of this item arrive: they are loaded again. */
  const [arrived, setArrived] = useState(0);

  useEffect(() => store.watch?.((items) => items.includes(itemId) && setArrived((n) => n + 1)), [store, itemId]);

  const model = useMemo<ArticleTextModel | null>(() => (root ? articleTextModel(root) : null), [root]);
  const folded = useMemo(() => (model ? anchoringText(model.text) : null), [model]);

  useEffect(() => {
    if (!root) return;
    let live = true;
    store.list(itemId).then(
      ({ records: found, unreadable: count }) => {
        if (!live) return;
        setRecords(new Map(found.map((r) => [r.id, r])));
        setUnreadable(count);
        setLoaded(true);
      },
      (error: unknown) => {
        if (live) setSaid(t('hlLoadFailed', [describeError(t, errorMessage(error))]));
      },
    );
    return () => {
      live = false;
    };
  }, [root, itemId, arrived]);

  // Located once per anchor (a recolour or a note does not move a highlight).
  const locatedCache = useRef(new WeakMap<HighlightAnchor['quote'], AnchorResult>());
  const { placed, orphans, located } = useMemo(() => {
    const live: Highlight[] = [];
    for (const record of records.values()) {
      const h = toHighlight(record);
      if (h && !h.deleted && h.itemId === itemId && inList) live.push(h);
    }
    const located = new Map<string, AnchorResult>();
    if (folded) {
      for (const h of live) {
        let result = locatedCache.current.get(h.quote);
        if (!result) {
          result = locateAnchor({ quote: h.quote, position: h.position }, folded);
          locatedCache.current.set(h.quote, result);
        }
        located.set(h.id, result);
      }
    }
    const placed: PlacedHighlight[] = [];
    const orphans: Highlight[] = [];
    for (const h of sortByPosition(live, folded ? located : undefined)) {
      const r = folded ? located.get(h.id) : undefined;
      if (folded && r && r.kind !== 'orphan')
        placed.push({ ...h, start: r.start, end: r.end, text: folded.original.slice(r.start, r.end) });
      else orphans.push(h);
    }
    return { placed, orphans, located };
  }, [records, folded, itemId, inList]);

  // Painted: one registered highlight per colour. Nothing in the article's DOM changes.
  useEffect(() => {
    const api = options.paint === 'boxes' ? null : paintApi();
    if (!api || !model) return;
    const byColor = new Map<HighlightColor, Range[]>();
    for (const h of placed) byColor.set(h.color, [...(byColor.get(h.color) ?? []), model.rangeOf(h.start, h.end)]);
    for (const c of ['yellow', 'green', 'blue', 'pink'] as const) {
      const ranges = byColor.get(c);
      if (ranges) api.registry.set(PAINT_PREFIX + c, new api.Painted(...ranges));
      else api.registry.delete(PAINT_PREFIX + c);
    }
  }, [placed, model]);
  useEffect(
    () => () => {
      const api = paintApi();
      for (const c of ['yellow', 'green', 'blue', 'pink']) api?.registry.delete(PAINT_PREFIX + c);
    },
    [],
  );

  const keep = (record: HighlightRecord) => setRecords((known) => new Map(known).set(record.id, record));
  const failed = (error: unknown) => setSaid(t('hlSaveFailed', [describeError(t, errorMessage(error))]));

  /** Highlights `range` (a selection in the article); the new highlight, or null (said why). */
  async function add(range: Range | null, withColor: HighlightColor = color): Promise<Highlight | null> {
    const anchor = model && range && root?.contains(range.commonAncestorContainer) ? anchorOfRange(model, range) : null;
    if (!anchor) {
      setSaid(t('hlNothingSelected'));
      return null;
    }
    if (busy.current) return null;
    busy.current = true;
    try {
      const saved = options.beforeAdd ? await options.beforeAdd() : null;
      const record = await store.add({ item: itemId, anchor, color: withColor });
      keep(record);
      setColor(withColor);
      setUndoable(null);
      const colorName = t(COLOR_KEY[withColor]);
      setSaid(
        saved === null
          ? t('hlAdded', [colorName])
          : saved
            ? `${saved} ${t('hlAdded', [colorName])}`
            : t('hlSavedAndAdded', [colorName]),
      );
      return toHighlight(record);
    } catch (error) {
      failed(error); // the selection stays: the reader can try again
      return null;
    } finally {
      busy.current = false;
    }
  }

  async function change(id: string, highlightChange: HighlightChange): Promise<boolean> {
    try {
      keep(await store.change(id, highlightChange));
      if (highlightChange.field === 'deleted') {
        setUndoable(highlightChange.value ? id : null);
        setSaid(t(highlightChange.value ? 'hlDeleted' : 'hlRestored'));
      } else if (highlightChange.field === 'color') {
        setColor(highlightChange.value);
        setSaid(t('hlRecoloured', [t(COLOR_KEY[highlightChange.value])]));
      } else if (highlightChange.field === 'note') {
        setSaid(t(highlightChange.value.trim() ? 'hlNoteSaved' : 'hlNoteRemoved'));
      }
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  }

  /** The placed highlight at a text offset (the shortest, when they overlap). */
  function at(offset: number): PlacedHighlight | null {
    let best: PlacedHighlight | null = null;
    for (const h of placed) {
      if (offset < h.start || offset > h.end) continue;
      if (!best || h.end - h.start < best.end - best.start) best = h;
    }
    return best;
  }

  return {
    model,
    loaded,
    unreadable,
    placed,
    orphans,
    located,
    said,
    undoable,
    color,
    add,
    change,
    at,
    undo: () => undoable && void change(undoable, { field: 'deleted', value: false }),
    rangeOf: (h: PlacedHighlight) => model?.rangeOf(h.start, h.end) ?? null,
  };
}

export type ArticleHighlights = ReturnType<typeof useArticleHighlights>;
