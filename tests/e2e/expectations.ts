// What the popup must show, shared by the Chromium and Firefox tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './paths.ts';

/** What a test reads from the popup's DOM. */
export interface PopupSnapshot {
  state: string | null;
  reason: string | null;
  title: string;
  site: string;
  byline: string;
  readingTime: string;
  /** The status line of a failure ('' when none). */
  status: string;
  paragraphs: string[];
  /** All the text of the popup. */
  text: string;
}

/** The popup's state attribute once it is no longer loading. */
export const SETTLED = 'main[data-state]:not([data-state="loading"])';

export const SEED_TITLE = 'Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale';

// Beginnings of the six paragraphs of the seed article.
export const SEED_PARAGRAPHS = [
  'Dans le cadre d’une initiative visant à renforcer la collaboration sécuritaire bilatérale',
  'Au cours de son séjour, Hammouchi a tenu plusieurs séances de travail',
  'Accompagné d’une délégation de la Direction générale de la surveillance du territoire',
  'Cette visite a culminé avec la remise exceptionnelle de la Médaille d’honneur',
  'En outre, cette mission a offert une plateforme',
  'Cette visite souligne non seulement l’importance',
];

/** Page furniture the engine must have dropped. */
const SEED_ABSENT = ['Temps de lecture', '© DR', 'La newsletter', 'Laisser un commentaire'];

export function expectSeedArticle(popup: PopupSnapshot): void {
  expect(popup.state).toBe('article');
  expect(popup.title).toBe(SEED_TITLE);
  expect(popup.site).toBe('Le Quotidien du Maghreb');
  expect(popup.readingTime).toMatch(/^\d+ min read$/);
  const paragraphs = popup.paragraphs.map((p) => p.trim()).filter(Boolean);
  expect(paragraphs).toHaveLength(SEED_PARAGRAPHS.length);
  SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
  expect(popup.text).toContain('Nicolas Lerner');
  for (const absent of SEED_ABSENT) expect(popup.text).not.toContain(absent);
}

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Messages;

const fr = JSON.parse(readFileSync(join(ROOT, 'public/_locales/fr/messages.json'), 'utf8')) as Messages;

/** The English message (the test browsers run with an English UI unless launched with `locale: 'fr'`). */
export function enMessage(key: string): string {
  const entry = en[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message;
}

/**
 * The English message for `count`, as plural() in contracts/i18n.ts shows it: its "one" form (`<key>_one`) for 1
 * when it has one, the count (its $1) written the English way ("1,234"); other placeholders stay as they are.
 */
export function enCount(key: string, count: number): string {
  const form = new Intl.PluralRules('en').select(count) === 'one' && en[`${key}_one`] ? `${key}_one` : key;
  const entry = en[form];
  if (!entry) throw new Error(`no message ${key}`);
  const name = Object.entries(entry.placeholders ?? {}).find(([, p]) => p.content === '$1')?.[0];
  if (!name) throw new Error(`${key} takes no count`);
  return entry.message.replace(new RegExp(`\\$${name}\\$`, 'i'), new Intl.NumberFormat('en').format(count));
}

/** The message in `lang`. */
export function message(lang: 'en' | 'fr', key: string): string {
  const entry = (lang === 'fr' ? fr : en)[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message;
}

/** Start of the forced extraction of the server's non-article page. */
export const NOT_ARTICLE_TEXT = 'Fresh bread every morning from seven.';

/** What the summary area must show: the page's own summary, and key points taken from the article. */
export const SUMMARY_EXPECTATIONS = [
  {
    page: 'seed' as const,
    publisher: 'Abdelatif Hammouchi, a effectué une visite officielle en France du 26 au 28 juin.',
    keyPoint: 'Nicolas Lerner',
  },
  {
    page: 'english' as const,
    publisher: 'The water company must repay customers over five years',
    keyPoint: 'their biggest one-day fall since it listed in 1989',
  },
];
