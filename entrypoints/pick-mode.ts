import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { articleBlocks, learnSiteRule } from '../core/reader/index.ts';
import { startPicker } from '../components/pick/picker.ts';
import { PICK_MODE_GLOBAL } from '../contracts/page.ts';

// The in-page view's "Hide a block" code, out of reader-view.js: injected by the background when the reader
// first uses it (entrypoints/reader-view/load-pick-mode.ts), it leaves its functions in the extension's isolated
// world of the page, where the view finds them. Framework-free: the view's Preact draws the bars.
const pickMode = { articleBlocks, learnSiteRule, startPicker };
export type PickMode = typeof pickMode;

export default defineUnlistedScript({
  main() {
    (globalThis as Record<string, unknown>)[PICK_MODE_GLOBAL] = pickMode;
  },
});
