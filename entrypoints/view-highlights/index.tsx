import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { render } from 'preact';
import { ArticleHighlights, type ArticleHighlightsProps } from '../../components/highlights/ArticleHighlights.tsx';
import { VIEW_HIGHLIGHTS_GLOBAL } from '../../contracts/page.ts';

/** What this script leaves for the in-page view: a highlights tree of its own, mounted where the view says. */
export interface ViewHighlights {
  mount(container: Element, props: ArticleHighlightsProps): MountedHighlights;
}
export interface MountedHighlights {
  update(props: ArticleHighlightsProps): void;
  unmount(): void;
}

// The in-page view's highlights, loaded on demand (platform/reader-view.ts injects this file when the view asks):
// they would take the view's script over its size budget. Its own Preact renders them into the view's element
// (entrypoints/reader-view/LazyHighlights.tsx), in the same isolated world; nothing is handed to the page.
export default defineUnlistedScript({
  main() {
    const api: ViewHighlights = {
      mount(container, first) {
        render(<ArticleHighlights {...first} />, container);
        return {
          update: (props) => render(<ArticleHighlights {...props} />, container),
          unmount: () => render(null, container),
        };
      },
    };
    (globalThis as Record<string, unknown>)[VIEW_HIGHLIGHTS_GLOBAL] = api;
  },
});
