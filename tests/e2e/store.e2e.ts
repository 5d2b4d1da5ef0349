// What the stores get. The product icon: every size the stores and browsers ask for, in the store zips at its real
// pixel size, the toolbar button's own icons, Firefox's light/dark theme icons, and enough contrast on the toolbars
// they are drawn on (icons-on-toolbars.png in the artifacts shows them). The listing: a summary that fits and a
// description in every interface language (docs/store/).
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import sharp, { type OverlayOptions } from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARTIFACTS, ROOT, SHIPPED, STORE_ZIP } from './paths.ts';

/** At 1x and 2x: toolbars 16 and 32, extension pages and lists 32 to 96, the stores and install dialogs 128. */
const ICON_SIZES = [16, 32, 48, 64, 96, 128];
/** The toolbar at 1x and 2x. */
const TOOLBAR_SIZES = [16, 32];
/** Firefox's toolbar at 1x and 2x, and its extensions panel (32 px) at 2x. */
const THEME_ICON_SIZES = [16, 32, 64];
/** Firefox's toolbar in its Light and Dark themes (ESR 153, measured on screen). */
const TOOLBAR = { light: '#f9f9fb', dark: '#2b2a33' } as const;
/** Chromium's toolbar in light and dark mode (156, measured on screen). */
const CHROMIUM_TOOLBAR = { light: '#ffffff', dark: '#3c3c3c' } as const;

type Rgb = [number, number, number];
type ThemeIcon = { size: number; light: string; dark: string };
type Action = { default_icon?: Record<string, string>; theme_icons?: ThemeIcon[] };
type Manifest = {
  icons?: Record<string, string>;
  action?: Action;
  browser_action?: Action;
  commands?: Record<string, { suggested_key?: { default?: string } }>;
};

const BROWSERS = ['chrome', 'firefox'] as const;

function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
/** WCAG contrast ratio, 1 to 21. */
function contrast(a: Rgb, b: Rgb): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** The colour that covers most of the icon (its tile), from its fully opaque pixels. */
async function mainColour(png: Uint8Array): Promise<Rgb> {
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<string, number>();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] !== 255) continue;
    const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  expect(top, 'an icon with no opaque pixel').toBeDefined();
  return top![0].split(',').map(Number) as Rgb;
}

describe.each(BROWSERS)('the %s store zip', (browser) => {
  const manifest = JSON.parse(readFileSync(join(SHIPPED[browser], 'manifest.json'), 'utf8')) as Manifest;
  const action = (manifest.browser_action ?? manifest.action)!;
  let zip: Record<string, Uint8Array>;

  beforeAll(() => {
    zip = unzipSync(readFileSync(STORE_ZIP[browser]));
  });

  /** The file from the zip, checked: a PNG of `size` pixels square, the same bytes as in the unpacked build. */
  async function iconFromZip(path: string, size: number): Promise<Uint8Array> {
    const bytes = zip[path];
    expect(bytes, `${path} in ${STORE_ZIP[browser]}`).toBeDefined();
    const { format, width, height, hasAlpha } = await sharp(bytes).metadata();
    expect({ path, format, width, height, hasAlpha }).toEqual({
      path,
      format: 'png',
      width: size,
      height: size,
      hasAlpha: true,
    });
    expect(Buffer.from(bytes!).equals(readFileSync(join(SHIPPED[browser], path))), `${path}: zip = build`).toBe(true);
    return bytes!;
  }

  test('has the manifest and declares an icon of every size, each a PNG of that size', async () => {
    expect(JSON.parse(new TextDecoder().decode(zip['manifest.json']))).toEqual(manifest);
    expect(Object.keys(manifest.icons ?? {}).map(Number)).toEqual(ICON_SIZES);
    for (const [size, path] of Object.entries(manifest.icons ?? {})) await iconFromZip(path, Number(size));
  });

  test('gives the toolbar button its icon, which reads on light and dark toolbars', async () => {
    expect(Object.keys(action.default_icon ?? {}).map(Number)).toEqual(TOOLBAR_SIZES);
    for (const [size, path] of Object.entries(action.default_icon ?? {})) {
      const tile = await mainColour(await iconFromZip(path, Number(size)));
      // Chrome has no theme icons: this one is drawn on light and dark toolbars alike (WCAG's 3:1 for graphics).
      for (const toolbar of [...Object.values(TOOLBAR), ...Object.values(CHROMIUM_TOOLBAR)]) {
        expect(contrast(tile, rgbOf(toolbar)), `${path} on ${toolbar}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  test('has a light and a dark theme icon in Firefox only, each clear on its own toolbar', async () => {
    if (browser === 'chrome') {
      expect(action.theme_icons).toBeUndefined();
      expect(Object.keys(zip).filter((path) => /^icons\/(light|dark)-/.test(path))).toEqual([]);
      return;
    }
    expect(action.theme_icons?.map(({ size }) => size)).toEqual(THEME_ICON_SIZES);
    for (const { size, light, dark } of action.theme_icons ?? []) {
      // theme_icons name the icon's colour: Firefox draws `dark` on light toolbars and `light` on dark ones.
      const onLight = await mainColour(await iconFromZip(dark, size));
      const onDark = await mainColour(await iconFromZip(light, size));
      expect(contrast(onLight, rgbOf(TOOLBAR.light)), `${dark} on ${TOOLBAR.light}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(onDark, rgbOf(TOOLBAR.dark)), `${light} on ${TOOLBAR.dark}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe.each(readdirSync(join(ROOT, 'public/_locales')))('the %s store listing', (lang) => {
  const messages = JSON.parse(readFileSync(join(SHIPPED.chrome, `_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;
  const description = readFileSync(join(ROOT, `docs/store/description-${lang}.txt`), 'utf8');

  test('has a summary the stores take (the manifest description: Chrome refuses one over 132 characters)', () => {
    expect(messages.extDescription?.message.length).toBeGreaterThan(0);
    expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
  });

  test("has a description that names the product and the manifest's default shortcuts, as the browser writes them", () => {
    expect(description).toMatch(/^Clear Reader /);
    const manifest = JSON.parse(readFileSync(join(SHIPPED.chrome, 'manifest.json'), 'utf8')) as Manifest;
    const keys = Object.values(manifest.commands ?? {}).map(({ suggested_key }) => suggested_key?.default);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(description).toContain(lang === 'fr' ? key?.replace('Shift', 'Maj') : key);
  });
});

test('the French description is set in French typography: a narrow no-break space before ; : ! ? and inside « »', () => {
  const description = readFileSync(join(ROOT, 'docs/store/description-fr.txt'), 'utf8');
  expect(description).not.toMatch(/(?<!\u202f)[;:!?»]|«(?!\u202f)|'/u);
});

/** Rows: Chrome on light, Chrome on dark, Firefox on light (its `dark` icon), Firefox on dark (its `light` icon). */
afterAll(async () => {
  const firefox = JSON.parse(readFileSync(join(SHIPPED.firefox, 'manifest.json'), 'utf8')) as Manifest;
  const themeIcon = (size: number) => firefox.browser_action?.theme_icons?.find((icon) => icon.size === size);
  const rows: [string, (size: number) => string | undefined][] = [
    [CHROMIUM_TOOLBAR.light, (size) => join(SHIPPED.chrome, `icons/${size}.png`)],
    [CHROMIUM_TOOLBAR.dark, (size) => join(SHIPPED.chrome, `icons/${size}.png`)],
    [TOOLBAR.light, (size) => themeIcon(size) && join(SHIPPED.firefox, themeIcon(size)!.dark)],
    [TOOLBAR.dark, (size) => themeIcon(size) && join(SHIPPED.firefox, themeIcon(size)!.light)],
  ];
  const ROW = 144;
  const layers: OverlayOptions[] = [];
  for (const [index, [toolbar, fileOf]] of rows.entries()) {
    const top = index * ROW;
    layers.push({ input: { create: { width: 400, height: ROW, channels: 4, background: toolbar } }, left: 0, top });
    for (const [column, size] of TOOLBAR_SIZES.entries()) {
      const file = fileOf(size);
      if (!file) continue; // the tests above say why
      layers.push({ input: file, left: 16 + column * 32, top: top + 56 });
      const zoomed = await sharp(file).resize(128, 128, { kernel: 'nearest' }).toBuffer();
      layers.push({ input: zoomed, left: 104 + column * 144, top: top + 8 });
    }
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  await sharp({ create: { width: 400, height: rows.length * ROW, channels: 4, background: '#000000' } })
    .composite(layers)
    .png()
    .toFile(join(ARTIFACTS, 'icons-on-toolbars.png'));
});
