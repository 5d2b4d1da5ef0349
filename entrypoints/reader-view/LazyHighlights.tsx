// The view's highlights, from a script of their own (entrypoints/view-highlights) that the background injects
// on the first article: the view's script stays within its size budget, and the page loads nothing more until
// an article is shown. That script renders into this element with its own Preact; props follow each render.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleHighlightsProps } from '../../components/highlights/ArticleHighlights.tsx';
import { VIEW_HIGHLIGHTS_GLOBAL } from '../../contracts/page.ts';
import { sendMessage } from '../../platform/messaging.ts';
import type { MountedHighlights, ViewHighlights } from '../view-highlights/index.tsx';

/** The script's mount function, once it is there (an own property: a page element's id is a global here too). */
function loaded(): ViewHighlights | null {
  const scope = globalThis as Record<string, unknown>;
  return Object.prototype.hasOwnProperty.call(scope, VIEW_HIGHLIGHTS_GLOBAL)
    ? (scope[VIEW_HIGHLIGHTS_GLOBAL] as ViewHighlights)
    : null;
}

let loading: Promise<ViewHighlights> | null = null;
function load(): Promise<ViewHighlights> {
  loading ??= (async () => {
    if (!loaded()) await sendMessage('loadViewHighlights', undefined);
    const api = loaded();
    if (!api) throw new Error('the highlights script did not load');
    return api;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export function LazyHighlights({
  onFailure,
  ...props
}: ArticleHighlightsProps & { onFailure: (error: unknown) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState<MountedHighlights | null>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    let live = true;
    let shown: MountedHighlights | null = null;
    load().then(
      (api) => {
        if (!live || !box.current) return;
        shown = api.mount(box.current, latest.current);
        setMounted(shown);
      },
      (error: unknown) => live && onFailure(error),
    );
    return () => {
      live = false;
      shown?.unmount();
    };
  }, []);
  useEffect(() => mounted?.update(props));
  return <div ref={box} class="hl-host" />;
}
