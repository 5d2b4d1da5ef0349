// Golden fixture pages under tests/fixtures/<name>/: source.html, expected.txt, meta.json.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle, type CleanupRule } from '../../core/reader/index.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface FixtureMeta {
  /** The page's address (a fake *.example domain). */
  url: string;
  /** Primary language subtag of the page. */
  lang: string;
  /** What clutter the page holds. */
  description: string;
  /** Rules whose absence must make the output differ from expected.txt; empty for a control page. */
  needs: string[];
}

export interface Fixture {
  name: string;
  dir: string;
  html: string;
  expected: string;
  meta: FixtureMeta;
}

export const FIXTURE_FILES = ['source.html', 'expected.txt', 'meta.json'] as const;

/** Every directory under tests/fixtures/ (complete or not: a missing file is a test failure). */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function missingFiles(name: string): string[] {
  return FIXTURE_FILES.filter((file) => !existsSync(join(FIXTURES_DIR, name, file)));
}

export function readMeta(name: string): FixtureMeta {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'meta.json'), 'utf8')) as FixtureMeta;
}

export function loadFixture(name: string): Fixture {
  const dir = join(FIXTURES_DIR, name);
  return {
    name,
    dir,
    html: readFileSync(join(dir, 'source.html'), 'utf8'),
    expected: readFileSync(join(dir, 'expected.txt'), 'utf8'),
    meta: readMeta(name),
  };
}

/** A control page needs no rule: cleanup must leave it untouched. */
export function isControl(meta: FixtureMeta): boolean {
  return meta.needs.length === 0;
}

/** Only trailing whitespace is normalized (at line ends and at the end of the text). */
export function normalizeText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

// jsdom reports CSS it cannot parse on its console; fixture pages link stylesheets it never loads.
const quiet = new VirtualConsole();

export interface Extraction {
  /** Normalized article text, or a marker of the failure (never equal to a real expected text). */
  text: string;
  removed: { rule: string; text: string }[];
}

/** Extracts the fixture's article with the given rules (all of them when omitted), on a fresh DOM. */
export function extract(fixture: Fixture, rules?: readonly CleanupRule[]): Extraction {
  const doc = new JSDOM(fixture.html, { url: fixture.meta.url, virtualConsole: quiet }).window.document;
  const result = extractArticle(doc, fixture.meta.url, rules ? { rules } : {});
  if (!result.ok) return { text: `<extraction failed: ${result.reason}: ${result.message}>`, removed: [] };
  return { text: normalizeText(result.article.text), removed: result.article.removed };
}
