// What `wxt/browser` resolves to in the built extension (see ./index.ts).
//
// A page's named elements are globals of every script world in it, the content scripts' isolated world included:
// `<form name="browser"><input id="runtime">` makes `globalThis.browser.runtime.id` a truthy string in Chromium,
// where no `browser` global exists, and the polyfill then takes the form for the extension API. Named elements
// are only ever found through the window's prototype chain; the browsers' own `browser` and `chrome` are own
// properties of the global. So a name that is not an own property is hidden (an own `undefined`, in this world
// only) before the polyfill looks, and the polyfill wraps the real `chrome`.
import { hidden } from './unshadow.ts';

export { browser } from '@wxt-dev/webextension-polyfill/browser';

/** What ./unshadow.ts hid from the polyfill (read, so that the hiding is kept in every bundle). */
export const hiddenGlobals = hidden;
