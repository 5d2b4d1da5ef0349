// Golden pages: each fixture's clean text is written by hand in expected.txt; every rule it
// lists in meta.json `needs` must be needed to get it, and plain Readability must not get it.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../core/reader/index.ts';
import {
  extract,
  fixtureNames,
  isControl,
  loadFixture,
  missingFiles,
  normalizeText,
} from '../../support/golden-fixtures.ts';

const RULE_IDS = new Set(RULES.map((r) => r.id));
const names = fixtureNames();
const complete = names.filter((name) => missingFiles(name).length === 0);

describe('fixtures', () => {
  it('exist, with at least one control page', () => {
    expect(complete.length).toBeGreaterThanOrEqual(12);
    expect(complete.some((n) => isControl(loadFixture(n).meta))).toBe(true);
  });

  it.each(names)('%s has source.html, expected.txt and meta.json', (name) => {
    expect(missingFiles(name)).toEqual([]);
  });
});

describe.each(complete)('fixture %s', (name) => {
  const fixture = loadFixture(name);
  const expected = normalizeText(fixture.expected);
  const { meta } = fixture;

  it('has a well-formed meta.json and expected.txt', () => {
    expect(meta.url).toMatch(/^https:\/\/[a-z0-9.-]+\.example\//);
    expect(meta.lang).toMatch(/^[a-z]{2,3}$/);
    expect(meta.description.trim().length).toBeGreaterThan(20);
    expect(Array.isArray(meta.needs)).toBe(true);
    expect(new Set(meta.needs).size).toBe(meta.needs.length);
    for (const id of meta.needs) expect(RULE_IDS, `unknown rule id "${id}" in needs`).toContain(id);
    expect(expected.length).toBeGreaterThan(200);
  });

  it('gives the expected article text', () => {
    expect(extract(fixture).text).toBe(expected);
  });

  if (isControl(meta)) {
    it('is left untouched by every rule (control page)', () => {
      expect(extract(fixture).removed).toEqual([]);
    });
  } else {
    it('has clutter that plain Readability keeps (rules: [])', () => {
      expect(extract(fixture, []).text).not.toBe(expected);
    });

    it.each(meta.needs)('needs rule %s', (id) => {
      const text = extract(
        fixture,
        RULES.filter((r) => r.id !== id),
      ).text;
      expect(text, `without "${id}" the output still equals expected.txt`).not.toBe(expected);
    });
  }
});
