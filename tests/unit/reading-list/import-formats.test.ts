// Conventions every import format follows (core/reading-list/transfer/formats/): registered, fixtures that exist
// and that detection gives to that format and to no other, and a service the user docs name.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_FORMATS,
  matchingFormats,
  openImportSource,
  parseImport,
  type ImportFormatDefinition,
} from '../../../core/reading-list/index.ts';
import { FIXTURES, fixture, zipFixture } from '../../support/transfer-fixtures.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FORMATS_DIR = join(ROOT, 'core/reading-list/transfer/formats');
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FORMATS: readonly ImportFormatDefinition[] = IMPORT_FORMATS;

/** A fixture as a reader would pick it: a folder is zipped, as the service sends it. */
const fixtureBytes = (name: string) =>
  statSync(join(FIXTURES, name)).isDirectory() ? zipFixture(name) : fixture(name);

/**
 * The user docs' import section(s): every section of README.md or docs/*.md whose heading starts with "Import"
 * (README's "Import and export" today), down to the next heading of the same or a higher level.
 */
function importSections(): string {
  const docs = existsSync(join(ROOT, 'docs'))
    ? readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f))
    : [];
  const sections: string[] = [];
  for (const file of ['README.md', ...docs]) {
    let level = 0;
    for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
      const heading = /^(#+)\s+(.*)/.exec(line);
      if (heading && level && heading[1]!.length <= level) level = 0;
      if (heading && !level && /^import\b/i.test(heading[2]!)) level = heading[1]!.length;
      if (level) sections.push(line);
    }
  }
  return sections.join('\n');
}

describe('IMPORT_FORMATS', () => {
  it('have unique kebab-case ids', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
  });

  it('hold every format that a file in formats/ exports', async () => {
    const files = readdirSync(FORMATS_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const module = (await import(join(FORMATS_DIR, file))) as Record<string, unknown>;
      const exported = Object.values(module);
      const formats = exported.filter((value) => typeof (value as { detect?: unknown }).detect === 'function');
      expect(formats.length, `${file} exports no format`).toBeGreaterThan(0);
      for (const format of formats) {
        expect(FORMATS, `${(format as { id: string }).id} (${file}) is not in IMPORT_FORMATS`).toContain(format);
      }
    }
  });

  it('claim every fixture in tests/fixtures-transfer/', () => {
    const claimed = FORMATS.flatMap((f) => f.fixtures.map((name) => name.split('/')[0]));
    for (const entry of readdirSync(FIXTURES)) {
      expect(claimed, `tests/fixtures-transfer/${entry} is no format's fixture`).toContain(entry);
    }
  });

  it('are all named in the user docs’ import section', () => {
    const section = importSections().toLowerCase();
    expect(section, 'no section headed "Import…" in README.md or docs/*.md').not.toBe('');
    const missing = FORMATS.filter((f) => !section.includes(f.service.toLowerCase())).map((f) => f.service);
    expect(missing, 'services the import section does not name').toEqual([]);
  });

  it('are all named when a file is in none of them', () => {
    const message = (input: Uint8Array | string) => {
      try {
        parseImport(input);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('parseImport read it');
    };
    const text = message('just some text');
    for (const format of FORMATS) expect(text).toContain(format.service);
    expect(text).toContain('(Pocket ZIP, CSV or HTML; Instapaper CSV; ');
    const zip = message(zipSync({ 'notes.txt': strToU8('hi') }));
    for (const format of FORMATS) if ('holds' in format) expect(zip).toContain(format.holds);
  });
});

describe.each(FORMATS.map((f) => [f.id, f] as const))('format %s', (id, format) => {
  it('has a service and a name that starts with it', () => {
    expect(format.service.trim()).not.toBe('');
    expect(format.name.startsWith(`${format.service} `)).toBe(true);
  });

  it('has fixtures that exist', () => {
    expect(format.fixtures.length).toBeGreaterThan(0);
    for (const name of format.fixtures) {
      expect(existsSync(join(FIXTURES, name)), `tests/fixtures-transfer/${name} is missing`).toBe(true);
    }
  });

  it.each(format.fixtures.map((name) => [name]))('detects %s as its own, and no other format does', (name) => {
    const source = openImportSource(fixtureBytes(name), basename(name));
    expect(source.kind).toBe(format.kind);
    expect(matchingFormats(source).map((f) => f.id)).toEqual([id]);
  });

  it.each(format.fixtures.map((name) => [name]))('reads items from %s', (name) => {
    const result = parseImport(fixtureBytes(name), { fileName: basename(name) });
    expect(result.format).toBe(id);
    expect(result.items.length).toBeGreaterThan(0);
  });
});
