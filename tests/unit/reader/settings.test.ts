import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  FONTS,
  RANGES,
  THEMES,
  normalizeSettings,
  stepSetting,
  type ReaderSettings,
} from '../../../core/reader/settings.ts';

const KEYS = [
  'font',
  'fontSize',
  'lineWidth',
  'lineHeight',
  'theme',
  'showImages',
  'showCaptions',
  'summaryOpen',
  'listenRate',
  'listenVoices',
].sort();

const CUSTOM: ReaderSettings = {
  font: 'system',
  fontSize: 22,
  lineWidth: 80,
  lineHeight: 1.9,
  theme: 'sepia',
  showImages: false,
  showCaptions: true,
  summaryOpen: true,
  listenRate: 0.75,
  listenVoices: { en: 'espeak-en' },
};

/** Every value a range allows, computed in integers so the expected values carry no floating-point drift. */
function grid(key: keyof typeof RANGES): number[] {
  const { min, max, step } = RANGES[key];
  const scale = 100;
  const [lo, hi, inc] = [min, max, step].map((n) => Math.round(n * scale)) as [number, number, number];
  const values: number[] = [];
  for (let v = lo; v <= hi; v += inc) values.push(v / scale);
  return values;
}

/** At most two decimals: what the UI shows and what storage keeps, with no 1.7000000000000002. */
function hasAtMostTwoDecimals(n: number): boolean {
  return Number.isFinite(n) && Number(n.toFixed(2)) === n;
}

describe('normalizeSettings: garbage in, usable settings out', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'serif 18px'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [1, 2, 3]],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_label, input) => {
    expect(normalizeSettings(input)).toEqual(DEFAULT_SETTINGS);
  });

  it('returns a fresh object with exactly the known fields, dropping extra ones', () => {
    const out = normalizeSettings({ ...CUSTOM, colour: 'red', __proto__x: 1, fontWeight: 700 });
    expect(Object.keys(out).sort()).toEqual(KEYS);
    expect(out).toEqual(CUSTOM);
    expect(out).not.toBe(DEFAULT_SETTINGS);
  });

  it('keeps Listen’s voice choices only as short language tags to bounded voice ids', () => {
    const out = normalizeSettings({
      listenVoices: { fr: 'espeak-fr', 'not a tag': 'x', de: 42, en: '', pl: 'v'.repeat(301), es: 'es-voice' },
      listenRate: 7,
    });
    expect(out.listenVoices).toEqual({ fr: 'espeak-fr', es: 'es-voice' });
    expect(out.listenRate).toBe(2);
    expect(normalizeSettings({ listenVoices: ['fr'] }).listenVoices).toEqual({});
  });

  it.each([
    ['fontSize', 12, 13],
    ['fontSize', -5, 13],
    ['fontSize', 0, 13],
    ['fontSize', 29, 28],
    ['fontSize', 100, 28],
    ['fontSize', 1e308, 28],
    ['lineWidth', 10, 40],
    ['lineWidth', 101, 100],
    ['lineWidth', 500, 100],
    ['lineHeight', 1, 1.2],
    ['lineHeight', -3, 1.2],
    ['lineHeight', 2.3, 2.2],
    ['lineHeight', 9, 2.2],
    ['lineHeight', -1e308, 1.2],
  ] as const)('clamps %s %d into its range (%d)', (key, input, expected) => {
    expect(normalizeSettings({ ...CUSTOM, [key]: input })[key]).toBe(expected);
  });

  it.each([
    ['fontSize', 17.4, 17],
    ['fontSize', 17.6, 18],
    ['fontSize', 20.01, 20],
    ['lineWidth', 41, 40],
    ['lineWidth', 62, 60],
    ['lineWidth', 63, 65],
    ['lineWidth', 99, 100],
    ['lineHeight', 1.64, 1.6],
    ['lineHeight', 1.66, 1.7],
    ['lineHeight', 1.7000000000000002, 1.7],
    ['lineHeight', 2.19, 2.2],
    ['lineHeight', 1.234, 1.2],
  ] as const)('snaps %s %d to the nearest step (%d)', (key, input, expected) => {
    const out = normalizeSettings({ ...CUSTOM, [key]: input })[key];
    expect(out).toBe(expected);
    expect(hasAtMostTwoDecimals(out)).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity, '20', '1.5', null, {}, [], true])(
    'falls back to the default for non-finite or non-number sizes: %s',
    (bad) => {
      const out = normalizeSettings({ ...CUSTOM, fontSize: bad, lineWidth: bad, lineHeight: bad });
      expect(out.fontSize).toBe(DEFAULT_SETTINGS.fontSize);
      expect(out.lineWidth).toBe(DEFAULT_SETTINGS.lineWidth);
      expect(out.lineHeight).toBe(DEFAULT_SETTINGS.lineHeight);
      // The valid fields next to them are kept.
      expect(out.font).toBe(CUSTOM.font);
      expect(out.theme).toBe(CUSTOM.theme);
    },
  );

  it.each(['comic-sans', 'Serif', 'sans serif', '', 0, null, ['serif']])(
    'falls back to the default font for %j',
    (font) => {
      expect(normalizeSettings({ ...CUSTOM, font }).font).toBe(DEFAULT_SETTINGS.font);
    },
  );

  it.each(['solarized', 'Dark', 'night', '', 1, null, { theme: 'dark' }])(
    'falls back to the default theme for %j',
    (theme) => {
      expect(normalizeSettings({ ...CUSTOM, theme }).theme).toBe(DEFAULT_SETTINGS.theme);
    },
  );

  it.each(['true', 'false', 1, 0, null, 'yes'])('falls back to the default checkboxes for %j', (flag) => {
    const out = normalizeSettings({ ...CUSTOM, showImages: flag, showCaptions: flag, summaryOpen: flag });
    expect(out.showImages).toBe(DEFAULT_SETTINGS.showImages);
    expect(out.showCaptions).toBe(DEFAULT_SETTINGS.showCaptions);
    expect(out.summaryOpen).toBe(DEFAULT_SETTINGS.summaryOpen);
  });

  it('repairs each field independently in one object full of garbage', () => {
    expect(
      normalizeSettings({
        font: 'papyrus',
        fontSize: 99.7,
        lineWidth: -12,
        lineHeight: 1.8400000000000003,
        theme: 42,
        showImages: false,
        showCaptions: 'no',
        summaryOpen: 'open',
        listenRate: '2x',
        listenVoices: 'espeak',
        version: 3,
      }),
    ).toEqual({
      font: DEFAULT_SETTINGS.font,
      fontSize: 28,
      lineWidth: 40,
      lineHeight: 1.8,
      theme: DEFAULT_SETTINGS.theme,
      showImages: false,
      showCaptions: DEFAULT_SETTINGS.showCaptions,
      summaryOpen: DEFAULT_SETTINGS.summaryOpen,
      listenRate: DEFAULT_SETTINGS.listenRate,
      listenVoices: {},
    });
  });

  it('does not modify its input', () => {
    const input = { ...CUSTOM, fontSize: 100, extra: true };
    const copy = structuredClone(input);
    normalizeSettings(input);
    expect(input).toEqual(copy);
  });
});

describe('normalizeSettings: valid settings come back unchanged', () => {
  it('round-trips DEFAULT_SETTINGS', () => {
    expect(normalizeSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips a custom valid object', () => {
    expect(normalizeSettings(CUSTOM)).toEqual(CUSTOM);
    expect(normalizeSettings(JSON.parse(JSON.stringify(CUSTOM)))).toEqual(CUSTOM);
  });

  it('keeps every font and every theme', () => {
    for (const font of FONTS) expect(normalizeSettings({ ...CUSTOM, font }).font).toBe(font);
    for (const theme of THEMES) expect(normalizeSettings({ ...CUSTOM, theme }).theme).toBe(theme);
  });

  it.each(['fontSize', 'lineWidth', 'lineHeight'] as const)('keeps every allowed %s exactly', (key) => {
    const values = grid(key);
    expect(values[0]).toBe(RANGES[key].min);
    expect(values.at(-1)).toBe(RANGES[key].max);
    for (const value of values) expect(normalizeSettings({ ...CUSTOM, [key]: value })[key]).toBe(value);
  });

  it.each([
    ['null', null],
    ['defaults', DEFAULT_SETTINGS],
    ['custom', CUSTOM],
    ['garbage', { fontSize: 3.3, lineWidth: 77, lineHeight: 1.55555, font: 'x' }],
  ])('is idempotent (%s)', (_label, input) => {
    const once = normalizeSettings(input);
    expect(normalizeSettings(once)).toEqual(once);
  });
});

describe('stepSetting', () => {
  it.each([
    ['fontSize', 18, 19, 17],
    ['lineWidth', 80, 85, 75],
    ['lineHeight', 1.6, 1.7, 1.5],
  ] as const)('moves %s by one step from %d (up %d, down %d)', (key, start, up, down) => {
    const settings = { ...CUSTOM, [key]: start };
    expect(stepSetting(settings, key, 1)).toEqual({ ...settings, [key]: up });
    expect(stepSetting(settings, key, -1)).toEqual({ ...settings, [key]: down });
  });

  it('gives 1.6 + 0.1 = 1.7 exactly, and 1.7 - 0.1 = 1.6 exactly', () => {
    expect(stepSetting({ ...CUSTOM, lineHeight: 1.6 }, 'lineHeight', 1).lineHeight).toBe(1.7);
    expect(stepSetting({ ...CUSTOM, lineHeight: 1.7 }, 'lineHeight', -1).lineHeight).toBe(1.6);
    // What plain addition gives, for contrast: the reason snapping is needed.
    expect(1.6 + 0.1).not.toBe(1.7);
  });

  it('does not modify its input', () => {
    const settings = { ...CUSTOM };
    stepSetting(settings, 'fontSize', 1);
    expect(settings).toEqual(CUSTOM);
  });

  it.each([
    ['fontSize', 'max', 1],
    ['fontSize', 'min', -1],
    ['lineWidth', 'max', 1],
    ['lineWidth', 'min', -1],
    ['lineHeight', 'max', 1],
    ['lineHeight', 'min', -1],
  ] as const)('stops %s at its %s', (key, bound, direction) => {
    const settings = { ...CUSTOM, [key]: RANGES[key][bound] };
    const stepped = stepSetting(settings, key, direction);
    expect(stepped[key]).toBe(RANGES[key][bound]);
    expect(stepSetting(stepped, key, direction)[key]).toBe(RANGES[key][bound]);
  });

  it.each(['fontSize', 'lineWidth', 'lineHeight'] as const)(
    'walks %s from min to max and back through every allowed value, without drift',
    (key) => {
      const values = grid(key);
      let settings: ReaderSettings = { ...CUSTOM, [key]: RANGES[key].min };
      const up = [settings[key]];
      for (let i = 1; i < values.length + 3; i++) {
        settings = stepSetting(settings, key, 1);
        up.push(settings[key]);
      }
      // Three extra presses at the top change nothing.
      expect(up).toEqual([...values, RANGES[key].max, RANGES[key].max, RANGES[key].max]);
      for (const value of up) expect(hasAtMostTwoDecimals(value)).toBe(true);

      const down = [settings[key]];
      for (let i = 1; i < values.length; i++) {
        settings = stepSetting(settings, key, -1);
        down.push(settings[key]);
      }
      expect(down).toEqual([...values].reverse());
    },
  );

  it('lands exactly on 2.2 after ten lineHeight steps up from 1.2', () => {
    let settings: ReaderSettings = { ...CUSTOM, lineHeight: RANGES.lineHeight.min };
    for (let i = 0; i < 10; i++) {
      settings = stepSetting(settings, 'lineHeight', 1);
      expect(hasAtMostTwoDecimals(settings.lineHeight)).toBe(true);
      expect(settings.lineHeight).toBe((12 + i + 1) / 10);
    }
    expect(settings.lineHeight).toBe(2.2);
  });

  it('returns to the defaults after one step up and one step down from them', () => {
    for (const key of ['fontSize', 'lineWidth', 'lineHeight'] as const) {
      const back = stepSetting(stepSetting(DEFAULT_SETTINGS, key, 1), key, -1);
      expect(back[key], key).toBe(DEFAULT_SETTINGS[key]);
    }
  });
});
