// Numbers, units, percentages and dates in the interface's language, through Intl: "1,6" and "40 %" in French,
// "1.6" and "40%" in English. Messages take the formatted text as a substitution; no number reaches the UI raw.

export interface LocaleFormat {
  /** The BCP 47 tag these formats use. */
  readonly locale: string;
  /** A whole count, grouped ("1 234" in French, "1,234" in English). */
  integer(value: number): string;
  /** A number with exactly `digits` decimals ("1,6"). */
  decimal(value: number, digits: number): string;
  /** A fraction (0..1) as a whole percentage ("40 %", "40%"). */
  percent(fraction: number): string;
  /** A duration in minutes, short unit ("4 min"). */
  minutes(value: number): string;
  /** A size in bytes, in kB under a megabyte, else in MB with one decimal ("8 kB", "1,2 Mo"). */
  bytes(value: number): string;
  /** A wait in seconds, in the largest unit that keeps it readable ("45 s", "5 min", "3 h"). */
  duration(seconds: number): string;
  /** A date ("15 mars 2024"), or null when `value` is no date. A bare YYYY-MM-DD is that day everywhere. */
  date(value: string | number | Date, style?: 'long' | 'medium'): string | null;
  /** A date and time ("26 nov. 2026, 18:00"), or null when `value` is no date. */
  dateTime(value: string | number | Date): string | null;
  /** How long before `now` (ms since epoch) a moment was: "3 days ago", "il y a 3 jours", "yesterday". */
  relative(then: number, now: number): string;
}

/** Seconds in each unit Intl.RelativeTimeFormat takes, largest first. */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** A locale Intl accepts, else English (a stored or reported tag may be malformed, e.g. "en_US"). */
function supported(locale: string): string {
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const cache = new Map<string, LocaleFormat>();

/** The formats of `locale` (cached: Intl formatters are costly to build, and views render often). */
export function localeFormat(locale: string): LocaleFormat {
  const tag = supported(locale);
  const cached = cache.get(tag);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const minutes = new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const units = new Map<string, Intl.NumberFormat>();
  const unit = (name: string, digits: number) => {
    const key = `${name}/${digits}`;
    let formatter = units.get(key);
    if (!formatter) {
      formatter = new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: name,
        unitDisplay: 'short',
        maximumFractionDigits: digits,
      });
      units.set(key, formatter);
    }
    return formatter;
  };
  const dates = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, options);
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const format: LocaleFormat = {
    locale: tag,
    integer: (value) => integer.format(value),
    decimal(value, digits) {
      let formatter = decimals.get(digits);
      if (!formatter) {
        formatter = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        decimals.set(digits, formatter);
      }
      return formatter.format(value);
    },
    percent: (fraction) => percent.format(fraction),
    minutes: (value) => minutes.format(value),
    bytes(value) {
      return value >= 1_000_000
        ? unit('megabyte', 1).format(value / 1_000_000)
        : unit('kilobyte', 0).format(Math.max(1, value / 1_000));
    },
    duration(seconds) {
      const [value, name] =
        seconds < 120 ? [seconds, 'second'] : seconds < 7_200 ? [seconds / 60, 'minute'] : [seconds / 3_600, 'hour'];
      return unit(name, 0).format(Math.round(value));
    },
    date(value, style = 'long') {
      const date = toDate(value);
      if (!date) return null;
      // A date alone ("2024-03-15") is that day everywhere, not UTC midnight shown in the reader's time zone.
      const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
      return dates({ dateStyle: style, ...(dateOnly ? { timeZone: 'UTC' } : {}) }).format(date);
    },
    dateTime(value) {
      const date = toDate(value);
      return date && dates({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    relative(then, now) {
      const seconds = (then - now) / 1_000;
      for (const [name, size] of RELATIVE_UNITS) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), name);
      }
      return relative.format(0, 'second'); // "now", "maintenant"
    },
  };
  cache.set(tag, format);
  return format;
}

/**
 * The locale to format in: the browser's UI language when the messages shown are in that language ("fr-CA" with
 * French messages), else the messages' own language (a German browser reads our English messages: English
 * numbers go with English words).
 */
export function interfaceLocale(browserLanguage: string, messagesLanguage: string): string {
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  if (!messagesLanguage || base(browserLanguage) === base(messagesLanguage)) return supported(browserLanguage);
  return supported(messagesLanguage);
}
