// Conventions every cleanup rule follows, and its links to the golden fixtures.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../core/reader/index.ts';
import { FIXTURES_DIR, fixtureNames, missingFiles, readMeta } from '../../support/golden-fixtures.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STAGES = ['page', 'article', 'orphans'];

describe('RULES', () => {
  it('is not empty', () => {
    expect(RULES.length).toBeGreaterThan(0);
  });

  it('have unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  it('has a kebab-case id', () => {
    expect(id).toMatch(KEBAB);
  });

  it('has a reason', () => {
    expect(typeof rule.reason).toBe('string');
    expect(rule.reason.trim().length).toBeGreaterThan(0);
  });

  it('has languages ("*" or primary language subtags)', () => {
    expect(rule.languages.length).toBeGreaterThan(0);
    for (const lang of rule.languages) expect(lang).toMatch(/^(?:\*|[a-z]{2,3})$/);
  });

  it('has a known stage, candidates and a positive maxLength', () => {
    expect(STAGES).toContain(rule.stage);
    expect(rule.maxLength).toBeGreaterThan(0);
    // Candidates come from tag names, a class/id hint or a CSS selector, depending on the rule.
    const fields = rule as unknown as { tags?: ReadonlySet<string>; markup?: RegExp; selector?: string };
    const hasCandidates = (fields.tags?.size ?? 0) > 0 || fields.markup instanceof RegExp || !!fields.selector;
    expect(hasCandidates).toBe(true);
    if (typeof fields.selector === 'string') {
      const doc = new JSDOM('<!DOCTYPE html><p>x</p>').window.document;
      expect(() => doc.querySelectorAll(fields.selector!)).not.toThrow();
    }
  });

  it('lists only fixtures that exist and need it', () => {
    for (const name of rule.fixtures) {
      const dir = join(FIXTURES_DIR, name);
      expect(existsSync(join(dir, 'source.html')), `tests/fixtures/${name}/source.html is missing`).toBe(true);
      expect(existsSync(join(dir, 'expected.txt')), `tests/fixtures/${name}/expected.txt is missing`).toBe(true);
      expect(existsSync(join(dir, 'meta.json')), `tests/fixtures/${name}/meta.json is missing`).toBe(true);
      expect(readMeta(name).needs, `tests/fixtures/${name}/meta.json does not list "${id}" in needs`).toContain(id);
    }
  });

  it('lists every fixture whose meta.json needs it', () => {
    const missing = fixtureNames().filter(
      (name) =>
        !missingFiles(name).includes('meta.json') && readMeta(name).needs.includes(id) && !rule.fixtures.includes(name),
    );
    expect(missing, `fixtures that need "${id}" but are not in its fixtures field`).toEqual([]);
  });
});
