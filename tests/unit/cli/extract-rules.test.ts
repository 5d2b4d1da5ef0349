// npm run -s extract -- --rules FILE.json: the reader's site rules on saved pages.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'cli/extract.ts', ...args], { cwd: ROOT });
const SITE = 'https://www.echo-des-dunes.example';
const fixture = (name: string) => join(ROOT, 'tests/fixtures-site-rules', name);

function rulesFile(rules: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'site-rules-')), 'rules.json');
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

const PROMO = { id: 'site:promo', site: 'echo-des-dunes.example', created: '', selector: 'div.encart-abonnement' };

describe('extract CLI with --rules', () => {
  it('applies a site rule and logs its removal', async () => {
    const file = rulesFile([PROMO]);
    const page = fixture('article-3.html');
    const { stdout } = await cli('--format', 'json', '--rules', file, '--url', `${SITE}/a/`, page);
    const out = JSON.parse(stdout) as { text: string; removed: { rule: string }[]; refusedRules: unknown[] };
    expect(out.text).not.toContain('Je m’abonne');
    expect(out.removed.map((r) => r.rule)).toContain('site:promo');
    expect(out.refusedRules).toEqual([]);
  });

  it('says on stderr when a rule is refused on a page', async () => {
    const file = rulesFile([PROMO]);
    const { stdout, stderr } = await cli('--rules', file, '--url', `${SITE}/abonnes/`, fixture('eaten.html'));
    expect(stdout).toContain('Après deux ans de chantier');
    expect(stderr).toContain('rule site:promo not applied: it would remove its first paragraph');
  });

  it('rejects a file that is not site rules', async () => {
    const file = rulesFile([{ id: 'promo', site: 'x.example', selector: 'div' }]);
    await expect(cli('--rules', file, fixture('article-1.html'))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('entry 1 is not a site rule') as unknown,
    });
  });
});
