// The build empties each cleanup rule's reason, fixtures and languages (scripts/strip-rule-docs.ts): on every real
// rule file, all three go, once each, and nothing else changes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../core/reader/index.ts';
import { stripRuleDocs } from '../../../scripts/strip-rule-docs.ts';

const DIR = join(import.meta.dirname, '../../../core/reader/cleanup/rules');
const files = readdirSync(DIR).filter((f) => f !== 'index.ts');

describe('stripRuleDocs', () => {
  it.each(files)('%s: reason, fixtures and languages emptied, the rest intact', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const rule = RULES.find((r) => source.includes(`id: '${r.id}'`))!;
    const out = stripRuleDocs(source);
    expect(out.match(/\breason: ''/g)).toHaveLength(1);
    expect(out.match(/\bfixtures: \[\]/g)).toHaveLength(1);
    expect(out.match(/\blanguages: \[\]/g)).toHaveLength(1);
    expect(out).not.toContain(rule.reason.slice(0, 40));
    expect(out).toContain(`id: '${rule.id}'`);
    expect(out.replace(/\s+/g, '').length).toBeLessThan(source.replace(/\s+/g, '').length);
    for (const line of out.split('\n').filter((l) => !/reason|fixtures|languages/.test(l)))
      expect(source.includes(line) || line.trim() === '', line).toBe(true);
  });

  it('handles escaped quotes and concatenated strings', () => {
    expect(stripRuleDocs(`a = { reason:\n 'it\\'s "x"' + "y", fixtures: ['a', "b"], id: 'z' }`)).toBe(
      `a = { reason: '', fixtures: [], id: 'z' }`,
    );
    expect(stripRuleDocs(`a = { languages: ['en',\n  "fr", ], id: 'z' }`)).toBe(`a = { languages: [], id: 'z' }`);
  });
});
