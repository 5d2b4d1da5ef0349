// "Hide a block" loads on demand: the background injects pick-mode.js into this tab, which leaves its functions
// in this isolated world (PICK_MODE_GLOBAL). One load per page, shared by every view opened on it.
import { PICK_MODE_GLOBAL } from '../../contracts/page.ts';
import { sendMessage } from '../../platform/messaging.ts';
import type { PickMode } from '../pick-mode.ts';

/** pick-mode.js's functions if it ran here: an own property only (a page element with that id is a global too). */
function loaded(): PickMode | null {
  const scope = globalThis as Record<string, unknown>;
  return Object.prototype.hasOwnProperty.call(scope, PICK_MODE_GLOBAL) ? (scope[PICK_MODE_GLOBAL] as PickMode) : null;
}

let loading: Promise<PickMode> | null = null;

export function loadPickMode(): Promise<PickMode> {
  loading ??= (async () => {
    const ready = loaded();
    if (ready) return ready;
    await sendMessage('loadPickMode', undefined);
    const mode = loaded();
    if (!mode) throw new Error('the pick mode did not load');
    return mode;
  })().catch((error: unknown) => {
    loading = null; // a later try may work (the view was opened again, say)
    throw error;
  });
  return loading;
}
