// Highlights painted as boxes over the text, where the CSS Custom Highlight API is not used: in the in-page view,
// whose ranges sit in a closed shadow root, the page's own CSS.highlights would hand them to the page's scripts.
// A layer at the origin of its containing block (inside the scrolling box: it scrolls with the text), measured
// again when the article's box changes size (the reader's font, the window).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HighlightColor } from '../../core/reading-list/index.ts';
import { textRects, type PaintBox } from './tree.ts';

export interface PaintSpan {
  id: string;
  color: HighlightColor;
  range: Range | null;
}

export function PaintLayer({ root, spans }: { root: Element; spans: PaintSpan[] }) {
  const layer = useRef<HTMLDivElement>(null);
  const [boxes, setBoxes] = useState<PaintBox[]>([]);
  useLayoutEffect(() => {
    const measure = () => {
      const origin = layer.current?.getBoundingClientRect();
      if (!origin) return;
      const round = (n: number) => Math.round(n * 10) / 10;
      setBoxes(
        spans.flatMap(({ id, color, range }) =>
          (range ? textRects(range) : []).map((r) => ({
            id,
            color,
            left: round(r.left - origin.left),
            top: round(r.top - origin.top),
            width: round(r.width),
            height: round(r.height),
          })),
        ),
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return; // jsdom
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [root, spans]);
  return (
    <div ref={layer} class="hl-paint" aria-hidden="true">
      {boxes.map((b, i) => (
        <div
          key={`${b.id}-${i}`}
          class={`hl-mark hl-${b.color}`}
          data-id={b.id}
          style={{ left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` }}
        />
      ))}
    </div>
  );
}
