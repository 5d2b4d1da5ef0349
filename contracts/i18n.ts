// The interface's messages as types: components take a Translate, platform/i18n.ts gives the browser's.
import type en from '../public/_locales/en/messages.json';
import { localeFormat } from '../core/util/index.ts';

/** A message of public/_locales/en/messages.json (tests/unit/components/locales.test.ts checks fr has them all). */
export type MessageKey = keyof typeof en;

export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** A message with plural forms: `<key>` (other) and `<key>_one` (one), since _locales have no plurals. */
export type PluralKey = { [K in MessageKey]: `${K}_one` extends MessageKey ? K : never }[MessageKey];

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `locale` ("one" for 0 and 1 in French, for 1 only in English). */
function category(locale: string, count: number): Intl.LDMLPluralRule {
  const tag = localeFormat(locale).locale;
  let rule = rules.get(tag);
  if (!rule) {
    rule = new Intl.PluralRules(tag);
    rules.set(tag, rule);
  }
  return rule.select(count);
}

/**
 * The form of `key` that agrees with `count` in `locale`, with the count as $1 grouped the locale's way ("1 234"
 * in French) and `rest` as $2, $3... Only "one" and "other" exist: French and English need no more.
 */
export function plural(t: Translate, locale: string, key: PluralKey, count: number, ...rest: string[]): string {
  const form = category(locale, count) === 'one' ? (`${key}_one` as MessageKey) : key;
  return t(form, [localeFormat(locale).integer(count), ...rest]);
}
