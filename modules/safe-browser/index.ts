// `wxt/browser` as the extension's own code sees it: webextension-polyfill, loaded only after the page's named
// elements have been kept from posing as the extension API (see ./runtime.ts). Replaces the
// @wxt-dev/webextension-polyfill module, which aliases `wxt/browser` to the polyfill as it is.
import { resolve } from 'node:path';
import { addViteConfig, defineWxtModule } from 'wxt/modules';

export default defineWxtModule({
  name: 'safe-browser',
  setup(wxt) {
    addViteConfig(wxt, () => ({
      resolve: { alias: { 'wxt/browser': resolve(wxt.config.root, 'modules/safe-browser/runtime.ts') } },
    }));
  },
});
