import type { MessageKey, Translate } from '../../contracts/i18n.ts';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

/** A `t` that shows which message was asked for, and with what: "readingTime:4". */
export const t: Translate = (key, substitutions) => (substitutions ? `${key}:${substitutions.join(',')}` : key);

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const FILES: Record<'en' | 'fr', Messages> = { en, fr };

/** The real messages of `lang`, with browser.i18n.getMessage's substitution rules. */
export function localized(lang: 'en' | 'fr'): Translate {
  const messages = FILES[lang];
  return (key: MessageKey, substitutions: string[] = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`no message ${key}`);
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, n: string) => substitutions[Number(n) - 1] ?? '');
    });
  };
}
