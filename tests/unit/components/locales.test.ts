import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Placeholder {
  content: string;
  example?: string;
}
interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, Placeholder>;
}
type Messages = Record<string, Message>;

const ROOT = join(import.meta.dirname, '../../..');
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Messages;
const en = readJson('public/_locales/en/messages.json');
const fr = readJson('public/_locales/fr/messages.json');
const LOCALES = { en, fr };

/**
 * French messages that are the same word as in English, on purpose: the product name, and words French
 * spells the same way ("Auto" for the theme that follows the system, "Images").
 */
// The same word in French: the product name, and words French shares (Auto, Images, Article).
// "18 px" is the same in both (a no-break space before the unit); a voice's name and tag are the system's.
const SAME_IN_FRENCH = new Set([
  'extName',
  'themeAuto',
  'settingShowImages',
  'tabArticle',
  'valuePixels',
  'listenVoiceName',
  'hlNote',
]);

/** Source files the extension is built from, where messages are used. */
function sourceFiles(): string[] {
  const dirs = ['components', 'entrypoints', 'platform', 'contracts'];
  const files = dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx|js|mjs|html)$/.test(file))
      .map((file) => join(ROOT, dir, file)),
  );
  return [...files, join(ROOT, 'wxt.config.ts')];
}
const SOURCES = new Map(sourceFiles().map((file) => [relative(ROOT, file), readFileSync(file, 'utf8')]));

/** `$NAME$` references in a message, lower-cased (browsers match placeholder names case-insensitively). */
function references(message: string): string[] {
  return [...message.replace(/\$\$/g, '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
}

function declared(entry: Message): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, placeholder]) => [name.toLowerCase(), placeholder.content]),
  );
}

describe('locale files', () => {
  it('finds the messages and the sources to check', () => {
    expect(Object.keys(en).length).toBeGreaterThan(10);
    expect(SOURCES.size).toBeGreaterThan(5);
    expect([...SOURCES.keys()]).toContain('wxt.config.ts');
  });

  it('have the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(LOCALES))('uses only keys browsers accept, distinct ignoring case (%s)', (_lang, messages) => {
    const keys = Object.keys(messages);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it.each(Object.entries(LOCALES))('has a non-empty message for every key (%s)', (_lang, messages) => {
    const empty = Object.entries(messages)
      .filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(LOCALES))('declares every $NAME$ a message uses, and uses every one declared (%s)', (_, m) => {
    for (const [key, entry] of Object.entries(m)) {
      const used = [...new Set(references(entry.message))];
      expect(used, key).toEqual(Object.keys(declared(entry)).sort());
      for (const placeholder of Object.values(entry.placeholders ?? {})) {
        expect(placeholder.content, key).toMatch(/^\$\d$/);
      }
    }
  });

  it('has the same placeholders in English and French', () => {
    for (const key of Object.keys(en).filter((k) => Object.hasOwn(fr, k))) {
      expect(declared(fr[key]!), key).toEqual(declared(en[key]!));
      expect(references(fr[key]!.message), key).toEqual(references(en[key]!.message));
    }
  });

  it('translates every message, except the few French writes the same way', () => {
    const same = Object.keys(en).filter((key) => fr[key]?.message.trim() === en[key]!.message.trim());
    expect(same.filter((key) => !SAME_IN_FRENCH.has(key))).toEqual([]);
    // The allow-list names real messages.
    for (const key of SAME_IN_FRENCH) expect(en).toHaveProperty(key);
  });
});

describe('French typography', () => {
  const NNBSP = '\u202f';
  // Text a reader sees: URLs ("https://") and placeholders are not prose.
  const prose = (message: string) =>
    message
      .replace(/\bhttps?:\/\//g, '')
      .replace(/[\w-]+:[\w-]+@/g, '') // the user:password@ syntax an address may hold
      .replace(/\$[A-Za-z0-9_@]+\$/g, 'X');
  const offending = (rule: RegExp) =>
    Object.entries(fr)
      .filter(([, entry]) => rule.test(prose(entry.message)))
      .map(([key, entry]) => `${key}: ${entry.message}`);

  it('puts a narrow no-break space before ; : ! ? (never a plain space, never none)', () => {
    expect(offending(/[^\u202f][;:!?]/u)).toEqual([]);
  });

  it('sets « guillemets » with narrow no-break spaces inside', () => {
    expect(offending(/«(?!\u202f)|(?<!\u202f)»/u)).toEqual([]);
    expect(offending(/"|“|”/u)).toEqual([]);
  });

  it('writes apostrophes as ’ and decimals with a comma', () => {
    expect(offending(/'/u)).toEqual([]);
    expect(offending(/\d\.\d/u)).toEqual([]);
  });

  it('finds the rules it checks in real messages (the checks can fail)', () => {
    expect(fr.saveFailed!.message).toContain(`${NNBSP}:`);
    expect(fr.savedItem!.message).toBe(`Enregistré${NNBSP}: «${NNBSP}$TITLE$${NNBSP}»`);
  });
});

describe('messages used by the code', () => {
  it('has every __MSG_x__ of wxt.config.ts', () => {
    const config = SOURCES.get('wxt.config.ts')!;
    const used = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription', 'actionTitle']));
    for (const key of used) {
      expect(en, key).toHaveProperty(key);
      expect(fr, key).toHaveProperty(key);
    }
  });

  it("has every key the code passes to t('...')", () => {
    const missing: string[] = [];
    let calls = 0;
    for (const [file, text] of SOURCES) {
      for (const [, key] of text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) {
        calls++;
        if (!Object.hasOwn(en, key!)) missing.push(`${file}: ${key}`);
      }
    }
    expect(calls).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('uses every English message somewhere (no dead messages)', () => {
    const all = [...SOURCES.values()].join('\n');
    // t('key'), a MessageKey in a lookup table ({ serif: 'fontSerif' }), or __MSG_key__ in the manifest; a
    // plural's "one" form (key_one) is used through its key, by plural().
    const isUsed = (key: string): boolean =>
      key.endsWith('_one')
        ? isUsed(key.slice(0, -'_one'.length))
        : new RegExp(`['"\`]${key}['"\`]|__MSG_${key}__`).test(all);
    expect(Object.keys(en).filter((key) => !isUsed(key))).toEqual([]);
  });
});
