import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../cli/decode.ts';
import { parseHtml } from '../../../cli/load.ts';
import { articlePage } from '../../support/dom.ts';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/extract.ts', ...args], { cwd: join(import.meta.dirname, '../../..') });

describe('decodeHtml', () => {
  const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
  /** A page: ASCII markup around `body` bytes, with `head` bytes (a <meta>, filler) first. */
  const page = (head: string, body: number[], tail = '</p>') =>
    new Uint8Array([...ascii(`<!doctype html><html><head>${head}</head><body><p>`), ...body, ...ascii(tail)]);
  const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];
  const latin1 = (s: string) => [...Buffer.from(s, 'latin1')];
  /** An inline script long enough to push what follows past the standard's 1024-byte prescan. */
  const longScript = `<script>var filler = "${'x'.repeat(1500)}";</script>`;

  it('follows <meta charset>', () => {
    const decoded = decodeHtml(page('<meta charset="windows-1252">', latin1('Café à Noël')));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'meta' });
    expect(decoded.text).toContain('<p>Café à Noël</p>');
  });

  it('follows the http-equiv form, and maps the label to its WHATWG encoding (latin1 is windows-1252)', () => {
    // 0x80 is the euro sign in windows-1252, a control character in real ISO-8859-1.
    const decoded = decodeHtml(
      page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', [0x35, 0x20, 0x80]),
    );
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'meta' });
    expect(decoded.text).toContain('<p>5 €</p>');
  });

  it('reads valid UTF-8 as UTF-8 when the <meta> names a legacy encoding (a page saved as UTF-8)', () => {
    const decoded = decodeHtml(page('<meta charset="gb2312">', utf8('新电脑已可利用记忆自学')));
    expect(decoded).toMatchObject({ encoding: 'UTF-8', source: 'utf-8 bytes' });
    expect(decoded.text).toContain('<p>新电脑已可利用记忆自学</p>');
  });

  it('keeps the declared encoding for plain ASCII bytes, which every such label reads alike', () => {
    expect(decodeHtml(page('<meta charset="gb2312">', ascii('plain')))).toMatchObject({
      encoding: 'GBK',
      source: 'meta',
    });
  });

  it('decodes GBK, Shift_JIS and ISO-8859-2 pages by their declaration', () => {
    const gbk = decodeHtml(page('<meta charset="gbk">', [0xd6, 0xd0, 0xce, 0xc4])); // 中文
    expect(gbk.text).toContain('<p>中文</p>');
    const sjis = decodeHtml(page('<meta charset="shift_jis">', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea])); // 日本語
    expect(sjis).toMatchObject({ encoding: 'Shift_JIS', source: 'meta' });
    expect(sjis.text).toContain('<p>日本語</p>');
    const polish = decodeHtml(page('<meta charset="iso-8859-2">', [0xa3, 0xf3, 0x64, 0xbc])); // Łódź
    expect(polish.text).toContain('<p>Łódź</p>');
  });

  it('honours a <meta> that comes after the first 1024 bytes of the head', () => {
    const decoded = decodeHtml(page(`${longScript}<meta charset="iso-8859-2">`, [0xa3, 0xf3, 0x64, 0xbc]));
    expect(decoded).toMatchObject({ encoding: 'ISO-8859-2', source: 'meta' });
    expect(decoded.text).toContain('<p>Łódź</p>');
  });

  it('ignores a <meta> in the body past the first 1024 bytes', () => {
    const decoded = decodeHtml(page('', latin1(`Café ${'x'.repeat(1500)}`), '</p><meta charset="iso-8859-2">'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'default' });
  });

  it('takes UTF-8 when it is valid and nothing is declared', () => {
    expect(decodeHtml(new Uint8Array(utf8('<p>Café</p>')))).toMatchObject({
      text: '<p>Café</p>',
      encoding: 'UTF-8',
      source: 'utf-8 bytes',
    });
  });

  it('reads declared UTF-8 as UTF-8 even with a stray invalid byte, as browsers do', () => {
    const decoded = decodeHtml(page('<meta charset="utf-8">', [...utf8('Küche '), 0xfc]));
    expect(decoded).toMatchObject({ encoding: 'UTF-8', source: 'meta' });
    expect(decoded.text).toContain('<p>Küche \ufffd</p>');
  });

  it('without a declaration, falls back to the legacy encoding of the page’s language, else windows-1252', () => {
    const polish = [0xa3, 0xf3, 0x64, 0xbc];
    const withLang = new Uint8Array([...ascii('<html lang="pl"><body><p>'), ...polish]);
    expect(decodeHtml(withLang)).toMatchObject({ encoding: 'ISO-8859-2', source: 'language' });
    expect(decodeHtml(withLang).text).toContain('Łódź');
    const japanese = new Uint8Array([...ascii('<html lang="ja-JP"><p>'), 0x93, 0xfa, 0x96, 0x7b]);
    expect(decodeHtml(japanese).text).toContain('日本');
    expect(decodeHtml(new Uint8Array(latin1('<p>Café</p>')))).toMatchObject({
      text: '<p>Café</p>',
      encoding: 'windows-1252',
      source: 'default',
    });
  });

  it('honours a byte order mark over the meta', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="iso-8859-1"><p>é</p>')]);
    expect(decodeHtml(withBom)).toMatchObject({ encoding: 'UTF-8', source: 'bom' });
    expect(decodeHtml(withBom).text).toMatch(/^<meta/); // the mark itself is not text
  });

  it('treats a declared UTF-16 in an ASCII-compatible page as UTF-8, as the standard says', () => {
    expect(decodeHtml(page('<meta charset="utf-16">', utf8('é')))).toMatchObject({ encoding: 'UTF-8' });
  });
});

describe('parseHtml', () => {
  it('gives the DOM of a UTF-8 page that still declares gb2312 in readable text', () => {
    const html = '<html><head><meta charset="gb2312"><title>腾讯网</title></head><body><p>人工智能</p></body></html>';
    const doc = parseHtml(new Uint8Array(Buffer.from(html, 'utf8')), 'https://example.com/');
    expect(doc.title).toBe('腾讯网');
    expect(doc.body.textContent).toBe('人工智能');
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
