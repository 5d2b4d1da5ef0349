import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../cli/decode.ts';
import { articlePage } from '../../support/dom.ts';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/extract.ts', ...args], { cwd: join(import.meta.dirname, '../../..') });

describe('decodeHtml', () => {
  const bytes = (s: string, enc: 'latin1' | 'utf8') => new Uint8Array(Buffer.from(s, enc));

  it('follows <meta charset>', () => {
    const html = '<meta charset="windows-1252"><p>Café à Noël</p>';
    expect(decodeHtml(bytes(html, 'latin1')).text).toContain('Café à Noël');
  });

  it('takes UTF-8 when it is valid and nothing is declared', () => {
    expect(decodeHtml(bytes('<p>Café</p>', 'utf8'))).toMatchObject({ text: '<p>Café</p>', encoding: 'utf-8' });
  });

  it('falls back to windows-1252 for invalid UTF-8', () => {
    expect(decodeHtml(bytes('<p>Café</p>', 'latin1'))).toMatchObject({ text: '<p>Café</p>', encoding: 'windows-1252' });
  });

  it('honours a byte order mark over the meta', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<meta charset="iso-8859-1"><p>é</p>', 'utf8')]);
    expect(decodeHtml(withBom).text).toContain('<p>é</p>');
  });
});

describe('extract CLI', () => {
  it('cleans the bundled demo page when given no file', async () => {
    const { stdout } = await cli('--format', 'text');
    expect(stdout).toContain('Visite officielle de Abdellatif Hammouchi');
    expect(stdout).toContain('Nicolas Lerner');
    expect(stdout).not.toContain('Temps de lecture');
  }, 30_000);

  it('prints one JSON line per input in jsonl, and one bad file does not stop the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const good = join(dir, 'good.html.gz');
    writeFileSync(good, gzipSync(articlePage('<p>5 min read</p>')));
    const missing = join(dir, 'missing.html');
    const { stdout } = await cli('--format', 'jsonl', missing, good);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ input: missing });
    expect(lines[0]!.error).toMatch(/Could not read/);
    expect(lines[1]).toMatchObject({ input: good, title: 'Budget vote', lang: 'en' });
    for (const key of ['text', 'html', 'readingTimeMinutes', 'removed']) expect(lines[1]).toHaveProperty(key);
    expect(lines[1]!.removed).toContainEqual({ rule: 'reading-time', text: '5 min read' });
  }, 30_000);

  it('rejects an unknown format with a clear message', async () => {
    await expect(cli('--format', 'pdf')).rejects.toMatchObject({
      stderr: expect.stringMatching(/Unknown format "pdf"/) as unknown,
    });
  }, 30_000);
});
