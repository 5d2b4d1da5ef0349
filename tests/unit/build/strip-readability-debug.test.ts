// The build silences Readability's debug logging at the source (scripts/strip-readability-debug.ts): every log call
// and debug test goes, nothing else changes, and the library gives the very same article.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { stripReadabilityDebug } from '../../../scripts/strip-readability-debug.ts';
import { page } from '../../support/dom.ts';

const FILE = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
const source = readFileSync(FILE, 'utf8');
const stripped = stripReadabilityDebug(source);

/** The stripped library, loaded as the CommonJS module it is. */
function strippedReadability(): typeof Readability {
  const module = { exports: {} as unknown };
  const load = runInThisContext(`(function (module) {\n${stripped}\n})`, { filename: FILE }) as (m: object) => void;
  load(module);
  return module.exports as typeof Readability;
}

const FIXTURES = join(import.meta.dirname, '../../fixtures');
// A third of the golden pages, across their languages: the change is the same on every page.
const pages = readdirSync(FIXTURES)
  .filter((_, i) => i % 3 === 0)
  .map((name) => [name, readFileSync(join(FIXTURES, name, 'source.html'), 'utf8')]);

describe('stripReadabilityDebug', () => {
  it('disables every log call and debug test, and changes nothing else', () => {
    const calls = source.match(/\bthis\.log\(/g)?.length ?? 0;
    expect(calls).toBeGreaterThan(20);
    expect(stripped.match(/\b0 && this\.log\(/g)).toHaveLength(calls);
    expect(stripped).not.toMatch(/(?<!0 && )this\.log\(/);
    expect(stripped).not.toContain('if (this._debug)');
    const untouched = (code: string) =>
      code.split('\n').filter((line) => !/this\.log\(|if \((?:this\._debug|false)\)/.test(line));
    expect(untouched(stripped)).toEqual(untouched(source));
  });

  it('refuses code it does not recognise, rather than leave the logging in silently', () => {
    expect(() => stripReadabilityDebug('function Readability() {}')).toThrow(/strip-readability-debug/);
  });

  it.each(pages)('%s: the same article as the published library', (_, html) => {
    const Stripped = strippedReadability();
    const url = 'https://news.example/2024/article.html';
    const original = new Readability(page(html, url), { keepClasses: true }).parse();
    const silenced = new Stripped(page(html, url), { keepClasses: true }).parse();
    expect(silenced).toEqual(original);
    expect(original?.content).toBeTruthy();
  });
});
