// npm run -s import-preview: the same parsers from the command line, one JSON object per line.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURES, zipFixture } from '../../support/transfer-fixtures.ts';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/import-preview.ts', ...args], {
    cwd: join(import.meta.dirname, '../../..'),
  });
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('import-preview CLI', () => {
  it('prints each item and each rejected row of a Pocket ZIP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-preview-'));
    const file = join(dir, 'pocket.zip');
    writeFileSync(file, zipFixture('pocket-zip'));
    const { stdout, stderr } = await cli(file);
    const out = lines(stdout);
    expect(out).toHaveLength(7);
    expect(out[0]).toEqual({
      url: 'https://www.lemonde.fr/politique/article/2025/03/10/budget_6200001_823448.html',
      title: 'Budget 2025 : le Sénat vote, enfin',
      tags: ['politique', 'budget', 'finance'],
      state: 'archived',
      favourite: false,
      addedAt: '2025-03-09T06:00:00.000Z',
      highlights: [],
    });
    expect(out.slice(4)).toEqual([
      { rejected: true, line: 6, reason: 'no URL', file: 'part_000000.csv' },
      { rejected: true, line: 7, reason: 'not a web address: javascript:alert(1)', file: 'part_000000.csv' },
      { rejected: true, line: 3, reason: 'a quoted field is never closed', file: 'part_000001.csv' },
    ]);
    expect(stderr).toMatch(/pocket-zip: 4 items, 0 highlights, 3 rejected/);
  }, 30_000);

  it('reads Instapaper CSV with its progress-free items', async () => {
    const { stdout } = await cli(join(FIXTURES, 'instapaper.csv'));
    expect(lines(stdout)[2]).toMatchObject({ url: 'https://example.org/starred', favourite: true });
  }, 30_000);

  it('prints each item’s highlights, and the quote of a highlight that names no article', async () => {
    const { stdout, stderr } = await cli(join(FIXTURES, 'readwise.csv'));
    const out = lines(stdout);
    expect(out[0]).toMatchObject({
      url: 'https://example.com/articles/reading',
      highlights: [
        {
          quote: 'Reading is slower than skimming, and better.',
          note: 'Agree, with a comma',
          color: 'yellow',
          createdAt: '2024-03-02T10:15:00.000Z',
        },
        {
          quote: 'A quote that runs\nover two lines.',
          note: '',
          color: 'yellow',
          createdAt: '2024-03-02T10:20:00.000Z',
        },
      ],
    });
    expect(out[2]).toEqual({
      rejected: true,
      line: 6,
      reason: 'a highlight that names no article address (A Paper Book)',
      highlight: 'A line from a paper book',
    });
    expect(stderr).toMatch(/readwise-csv: 2 items, 4 highlights, 1 rejected/);
  }, 30_000);

  it('exits 1 with a clear message for an unknown format or an unreadable file', async () => {
    await expect(cli(join(FIXTURES, '../../README.md'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/in no format we can import/) as unknown,
    });
    await expect(cli(join(FIXTURES, 'missing.csv'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Cannot read .*missing\.csv: ENOENT/) as unknown,
    });
  }, 30_000);
});
