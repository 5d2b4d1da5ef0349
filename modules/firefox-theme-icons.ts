// Firefox's theme icons: the product icon with its tile repainted for the toolbar it sits on, rendered from the
// same SVG at build time (the main sizes come from @wxt-dev/auto-icons, see wxt.config.ts). Firefox shows `dark`
// (a dark icon) on light toolbars and `light` on dark ones: theme_icons names the icon's colour, not the
// toolbar's. Chrome has no such key and shows the source's own colours on every toolbar.
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import type { UserManifest } from 'wxt';
import { defineWxtModule } from 'wxt/modules';

/** The one source of every icon the extension ships. */
export const PRODUCT_ICON = 'assets/icon.svg';

/**
 * The tile's colour per variant, each at least 4.5:1 against Firefox's default toolbar of that brightness
 * (#f9f9fb light, #2b2a33 dark), where the source's own teal is a compromise (3.5:1 and 3.9:1) that suits both.
 */
const TILE_COLOURS = { dark: '#1d6f86', light: '#4fa9c0' } as const;
/** The toolbar's 16 px at 1x and 2x, and the extensions panel's 32 px at 2x. */
const SIZES = [16, 32, 64] as const;

const fileOf = (variant: keyof typeof TILE_COLOURS, size: number) => `icons/${variant}-${size}.png`;

export default defineWxtModule({
  name: 'firefox-theme-icons',
  setup(wxt) {
    if (wxt.config.browser !== 'firefox') return;

    wxt.hooks.hook('build:manifestGenerated', (_, manifest) => {
      // MV2 (what ships for Firefox) keeps it under browser_action; an MV3 build, under action.
      const { action, browser_action } = manifest as UserManifest;
      const toolbarButton = action ?? browser_action;
      if (!toolbarButton) throw new Error('firefox-theme-icons: the manifest has no toolbar button to give icons to');
      toolbarButton.theme_icons = SIZES.map((size) => ({
        size,
        dark: fileOf('dark', size),
        light: fileOf('light', size),
      }));
    });

    wxt.hooks.hook('build:done', async (_, output) => {
      const svg = await readFile(resolve(wxt.config.root, PRODUCT_ICON));
      await mkdir(resolve(wxt.config.outDir, 'icons'), { recursive: true });
      for (const [variant, colour] of Object.entries(TILE_COLOURS) as [keyof typeof TILE_COLOURS, string][]) {
        for (const size of SIZES) {
          const fileName = fileOf(variant, size);
          await sharp(svg, { svg: { stylesheet: `.tile { fill: ${colour}; }` } })
            .resize(size)
            .png()
            .toFile(resolve(wxt.config.outDir, fileName));
          output.publicAssets.push({ type: 'asset', fileName });
        }
      }
    });
  },
});
