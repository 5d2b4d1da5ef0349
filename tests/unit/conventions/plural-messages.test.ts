// A message that takes a count reads right for every count: "1 article", "2 articles", in French "0 article".
// _locales have no plurals, so a plural message is two keys, `<key>` (other) and `<key>_one` (one), chosen by
// plural() in contracts/i18n.ts. This fails on a count message with no "one" form in either language, unless a
// short, reviewed list says why it needs none (a label such as "Notes : 3", where the noun does not agree).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Message>;

const ROOT = join(import.meta.dirname, '../../..');
const read = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
const LOCALES: Record<string, Messages> = { en: read('en'), fr: read('fr') };
const en = LOCALES.en!;

/** Placeholders with a whole-number example that are not counts: nothing agrees with them. */
const NOT_COUNTS = new Set(['status', 'line', 'n', 'rate']);

/** Reviewed: count messages with no plural forms, each with why. */
const LABELS: Record<string, string> = {
  showMore: '"Show 1 more" / "Afficher 1 de plus": no noun',
  importProgress: '"250 of 1000": no noun',
  importDone: 'English adjectives do not agree; French is written as labels ("Nouveaux : 1")',
  listHighlightCount: 'a label: "Highlights: 1"',
  listNoteCount: 'a label: "Notes: 1"',
  importSiteRulesDone: 'a label: "Site rules changed: 1."',
  importDoneHighlights: 'a label: "Highlights added: 1."',
  valuePixels: 'a unit symbol: "18 px"',
};

/** Keys of messages that take a count: a placeholder whose example is a whole number. */
function countMessages(): string[] {
  return Object.entries(en)
    .filter(([key]) => !key.endsWith('_one'))
    .filter(([, entry]) =>
      Object.entries(entry.placeholders ?? {}).some(
        ([name, p]) => /^\d+$/.test(p.example ?? '') && !NOT_COUNTS.has(name.toLowerCase()),
      ),
    )
    .map(([key]) => key);
}

function sources(): string {
  return ['components', 'entrypoints', 'platform', 'contracts']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => readFileSync(join(ROOT, dir, file), 'utf8')),
    )
    .join('\n');
}

describe('messages that take a count', () => {
  const counted = countMessages();

  it('finds them (the check can fail)', () => {
    expect(counted).toEqual(expect.arrayContaining(['importGo', 'importPreview', 'siteRulesFit', 'showMore']));
  });

  it.each(Object.keys(LOCALES))('have a "one" form in %s, or are a reviewed label', (lang) => {
    const messages = LOCALES[lang]!;
    expect(counted.filter((key) => !LABELS[key] && !messages[`${key}_one`])).toEqual([]);
  });

  it('list as labels only real count messages that have no plural forms', () => {
    for (const key of Object.keys(LABELS)) {
      expect(counted, key).toContain(key);
      expect(en, key).not.toHaveProperty(`${key}_one`);
    }
  });

  it.each(Object.keys(LOCALES))('give the "one" form the placeholders of its key, the count first (%s)', (lang) => {
    const messages = LOCALES[lang]!;
    for (const key of Object.keys(messages).filter((k) => k.endsWith('_one'))) {
      const base = messages[key.slice(0, -'_one'.length)];
      expect(base, key).toBeDefined();
      const contents = (m: Message) =>
        Object.fromEntries(Object.entries(m.placeholders ?? {}).map(([name, p]) => [name, p.content]));
      expect(contents(messages[key]!), key).toEqual(contents(base!));
      const first = Object.values(base!.placeholders ?? {}).find((p) => p.content === '$1');
      expect(first?.example, key).toMatch(/^\d+$/);
    }
  });

  it('go through plural(), never straight to t() (which would always show the "other" form)', () => {
    const code = sources();
    const plurals = Object.keys(en)
      .filter((key) => key.endsWith('_one'))
      .map((key) => key.slice(0, -'_one'.length));
    expect(plurals.length).toBeGreaterThan(10);
    for (const key of plurals) {
      expect(code, key).toMatch(new RegExp(`\\bplural\\([^)]*'${key}'`));
      expect(code, key).not.toMatch(new RegExp(`\\bt\\(\\s*'${key}(_one)?'`));
    }
  });
});
