import { describe, expect, it } from 'vitest';
import { interfaceLocale, localeFormat } from '../../../core/util/index.ts';

const NNBSP = '\u202f'; // French groups digits with a narrow no-break space
const NBSP = '\u00a0';

describe('localeFormat', () => {
  const fr = localeFormat('fr');
  const en = localeFormat('en');

  it('writes decimals with a comma in French and a point in English', () => {
    expect(fr.decimal(1.6, 1)).toBe('1,6');
    expect(en.decimal(1.6, 1)).toBe('1.6');
    // Exactly the digits asked for: 2 is "2,0", and floating-point noise never shows.
    expect(fr.decimal(2, 1)).toBe('2,0');
    expect(en.decimal(1.2000000000000002, 1)).toBe('1.2');
  });

  it('groups thousands as each language does', () => {
    expect(fr.integer(1234)).toBe(`1${NNBSP}234`);
    expect(en.integer(1234)).toBe('1,234');
    expect(en.integer(70)).toBe('70');
  });

  it('writes percentages with French spacing', () => {
    // CLDR's French percent sign takes a no-break space.
    expect(fr.percent(0.4)).toBe(`40${NBSP}%`);
    expect(en.percent(0.4)).toBe('40%');
    expect(en.percent(0.996)).toBe('100%');
  });

  it('writes minutes as a short unit that does not break from its number', () => {
    expect(fr.minutes(4)).toBe(`4${NBSP}min`);
    expect(en.minutes(4)).toBe('4 min');
    expect(en.minutes(1200)).toBe('1,200 min');
  });

  it('writes sizes in kB under a megabyte and MB above, each language its own units', () => {
    expect(en.bytes(8_192)).toBe('8 kB');
    expect(en.bytes(200)).toBe('1 kB'); // never "0 kB" for something that exists
    expect(en.bytes(1_234_567)).toBe('1.2 MB');
    expect(fr.bytes(1_234_567)).toMatch(/^1,2[\u00a0\u202f]Mo$/);
  });

  it('writes a wait in the largest unit that keeps it readable', () => {
    expect(en.duration(45)).toBe('45 sec');
    expect(en.duration(300)).toBe('5 min');
    expect(en.duration(3 * 3_600)).toBe('3 hr');
    expect(fr.duration(300)).toBe(`5${NBSP}min`);
  });

  it('writes dates in the language, a bare day as that day in every time zone', () => {
    expect(fr.date('2024-03-15')).toBe('15 mars 2024');
    expect(en.date('2024-03-15')).toBe('March 15, 2024');
    expect(fr.date(Date.UTC(2026, 11, 2, 12), 'medium')).toBe('2 déc. 2026');
    expect(en.date('not a date')).toBeNull();
    expect(en.dateTime(Number.NaN)).toBeNull();
    expect(fr.dateTime(Date.UTC(2026, 10, 26, 12))).toMatch(/^26 nov\. 2026/);
  });

  it('says how long ago something happened, in the language', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const day = 86_400_000;
    expect(en.relative(now - 3 * day, now)).toBe('3 days ago');
    expect(fr.relative(now - 3 * day, now)).toBe('il y a 3 jours');
    expect(en.relative(now - day, now)).toBe('yesterday');
    expect(fr.relative(now - 5 * 60_000, now)).toBe('il y a 5 minutes');
    expect(en.relative(now - 2_000, now)).toBe('now');
    expect(en.relative(now - 400 * day, now)).toBe('last year');
  });

  it('takes a malformed tag (as some systems report it) without throwing', () => {
    expect(localeFormat('fr_FR').decimal(1.5, 1)).toBe('1,5');
    expect(localeFormat('not a locale!').decimal(1.5, 1)).toBe('1.5');
  });
});

describe('interfaceLocale', () => {
  it("keeps the browser's regional tag when our messages are in its language", () => {
    expect(interfaceLocale('fr-CA', 'fr')).toBe('fr-CA');
    expect(interfaceLocale('en-GB', 'en')).toBe('en-GB');
  });

  it("formats in the messages' language when the browser's has no messages of ours", () => {
    // A German browser shows our English messages: "1.6" goes with English words, not "1,6".
    expect(interfaceLocale('de-DE', 'en')).toBe('en');
    expect(localeFormat(interfaceLocale('de-DE', 'en')).decimal(1.6, 1)).toBe('1.6');
  });

  it("uses the browser's language when the messages do not say theirs", () => {
    expect(interfaceLocale('fr', '')).toBe('fr');
  });
});
