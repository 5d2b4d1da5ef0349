// Reader settings: the model shared by the popup, the in-page view and the offline reader. Stored by
// platform/storage.ts; anything read back from storage (another device, an older version) goes through
// normalizeSettings, so the UI never sees a value it cannot render.

export const FONTS = ['serif', 'sans-serif', 'system'] as const;
export const THEMES = ['auto', 'light', 'sepia', 'dark'] as const;
export type Font = (typeof FONTS)[number];
export type Theme = (typeof THEMES)[number];

export interface ReaderSettings {
  font: Font;
  /** Text size in CSS pixels. */
  fontSize: number;
  /** Longest line, in characters ("ch"): 60 to 75 reads best on a wide screen. */
  lineWidth: number;
  lineHeight: number;
  /** "auto" follows the system's light or dark preference. */
  theme: Theme;
  showImages: boolean;
  /** Keep figures' captions (credit lines are dropped either way). */
  showCaptions: boolean;
  /** The summary and key points unfolded above the article (folded, the article starts on the first screen). */
  summaryOpen: boolean;
  /** Listen's speed, 0.5 to 2. */
  listenRate: number;
  /** Listen's voice chosen for each language ("fr" -> a voiceURI), when the reader chose one. */
  listenVoices: Readonly<Record<string, string>>;
}

export interface Range {
  min: number;
  max: number;
  step: number;
}

export const RANGES = {
  fontSize: { min: 13, max: 28, step: 1 },
  lineWidth: { min: 40, max: 100, step: 5 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.1 },
  listenRate: { min: 0.5, max: 2, step: 0.25 },
} as const satisfies Record<string, Range>;

// 18px serif at 1.6 reads well at the popup's 460px and, capped at 70ch, on a wide screen.
export const DEFAULT_SETTINGS: Readonly<ReaderSettings> = Object.freeze({
  font: 'serif',
  fontSize: 18,
  lineWidth: 70,
  lineHeight: 1.6,
  theme: 'auto',
  showImages: true,
  showCaptions: false,
  summaryOpen: false,
  listenRate: 1,
  listenVoices: Object.freeze({}),
});

/** Voices kept for at most this many languages; a language is a short tag, a voice id a bounded string. */
const MAX_VOICE_LANGUAGES = 30;

function voiceChoices(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const kept = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, string] =>
      /^[a-z]{2,3}$/.test(entry[0]) && typeof entry[1] === 'string' && entry[1].length > 0 && entry[1].length <= 300,
  );
  return Object.fromEntries(kept.slice(0, MAX_VOICE_LANGUAGES));
}

function clampToRange(value: unknown, range: Range, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const stepped = Math.round((value - range.min) / range.step) * range.step + range.min;
  return Number(Math.min(range.max, Math.max(range.min, stepped)).toFixed(2));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Settings from anything (stored by another version or device): known fields kept, the rest defaulted. */
export function normalizeSettings(value: unknown): ReaderSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof ReaderSettings, unknown>
  >;
  const d = DEFAULT_SETTINGS;
  return {
    font: oneOf(v.font, FONTS, d.font),
    fontSize: clampToRange(v.fontSize, RANGES.fontSize, d.fontSize),
    lineWidth: clampToRange(v.lineWidth, RANGES.lineWidth, d.lineWidth),
    lineHeight: clampToRange(v.lineHeight, RANGES.lineHeight, d.lineHeight),
    theme: oneOf(v.theme, THEMES, d.theme),
    showImages: typeof v.showImages === 'boolean' ? v.showImages : d.showImages,
    showCaptions: typeof v.showCaptions === 'boolean' ? v.showCaptions : d.showCaptions,
    summaryOpen: typeof v.summaryOpen === 'boolean' ? v.summaryOpen : d.summaryOpen,
    listenRate: clampToRange(v.listenRate, RANGES.listenRate, d.listenRate),
    listenVoices: voiceChoices(v.listenVoices),
  };
}

/**
 * What to store when the reader changes the settings while storage holds `stored` (written by another device or
 * version, maybe unreadable here): the reader's settings, but what this version does not know is kept: fields it
 * does not have, and, for a setting the reader did not change, a stored value of the right type it cannot show
 * (a newer version's theme, a size past this version's range). So an older device never erases a newer one's
 * settings, and a value of the wrong type (garbage) is replaced.
 */
export function settingsToStore(stored: unknown, next: ReaderSettings): Record<string, unknown> {
  const base: Record<string, unknown> =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? { ...stored } : {};
  const shown = normalizeSettings(stored);
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof ReaderSettings)[]) {
    const unchanged = next[key] === shown[key];
    if (unchanged && key in base && typeof base[key] === typeof DEFAULT_SETTINGS[key]) continue;
    base[key] = next[key];
  }
  return base;
}

/** One step up or down a numeric setting, within its range. */
export function stepSetting(settings: ReaderSettings, key: keyof typeof RANGES, direction: 1 | -1): ReaderSettings {
  const range = RANGES[key];
  return { ...settings, [key]: clampToRange(settings[key] + direction * range.step, range, settings[key]) };
}

/** Where settings live: platform/storage.ts provides the browser's (sync storage), tests an in-memory one. */
export interface SettingsStore {
  load(): Promise<ReaderSettings>;
  save(settings: ReaderSettings): Promise<void>;
  watch(callback: (settings: ReaderSettings) => void): () => void;
  /**
   * The settings last seen by this surface, at once (a local copy; the store stays the truth): it opens in the
   * reader's theme instead of flashing the default one until `load` answers. Absent where no copy can be kept.
   */
  lastSeen?(): ReaderSettings | null;
  /** Keeps the copy `lastSeen` returns. */
  remember?(settings: ReaderSettings): void;
}
