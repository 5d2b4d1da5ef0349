import type { MessageKey } from '../contracts/i18n.ts';

// For the popup's first script, which runs while the page is parsed and before the popup's bundle is even
// compiled: the browser's own promise-based namespace (Firefox's `browser`, Chrome's `chrome` in MV3), not the
// polyfill, which would add its weight to every open of the popup.
interface EarlyApi {
  tabs: { query(query: { active: boolean; currentWindow: boolean }): Promise<{ title?: string }[]> };
  i18n: { getMessage(key: string): string };
}
const api = ((globalThis as { browser?: EarlyApi }).browser ?? (globalThis as { chrome?: EarlyApi }).chrome)!;

/** The active tab's title, when the extension may know it (activeTab after the click); undefined otherwise. */
export async function earlyTabTitle(): Promise<string | undefined> {
  try {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab?.title || undefined;
  } catch {
    return undefined; // the popup's bundle asks again, and says why if it fails
  }
}

export const earlyMessage = (key: MessageKey): string => api.i18n.getMessage(key) || key;
