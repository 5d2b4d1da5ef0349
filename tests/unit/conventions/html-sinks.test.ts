// A source convention (like the lint zones): the extension has one place that turns a string into markup, the
// sanitized article body in ArticleView (and one that parses a page into an inert document for the engine), and the pages that get an article from elsewhere sanitize it again.
// That metadata is rendered as text is checked by behaviour, in components/text-only-rendering.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Every way to turn a string into markup in a page. */
const HTML_SINKS =
  /dangerouslySetInnerHTML|\.innerHTML\s*\+?=(?!=)|\.outerHTML\s*=(?!=)|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|setHTMLUnsafe|parseHTMLUnsafe|srcdoc/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:tsx?|jsx?|html)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('where HTML is rendered', () => {
  it('components/, entrypoints/ and platform/ have one HTML sink: the article body in ArticleView', () => {
    const sinks: string[] = [];
    for (const file of ['components', 'entrypoints', 'platform'].flatMap(sourceFiles)) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const match of line.matchAll(HTML_SINKS)) sinks.push(`${file}:${i + 1}: ${match[0]}`);
        });
    }
    expect(sinks).toEqual([
      expect.stringMatching(/^components\/ArticleView\.tsx:\d+: dangerouslySetInnerHTML$/),
      // Firefox: the page's markup parsed into an inert document for the engine to read (no script runs, nothing
      // loads, nothing of it is shown: the engine's sanitized article is, sanitized again by the popup).
      expect.stringMatching(/^platform\/extract-snapshot\.ts:\d+: DOMParser$/),
    ]);
    const view = readFileSync(join(ROOT, 'components/ArticleView.tsx'), 'utf8');
    expect(view).toContain('dangerouslySetInnerHTML={{ __html: article.contentHtml }}');
  });

  it('the popup and the offline reader sanitize the article body again before rendering it', () => {
    // The in-page view renders what the engine sanitized moments before in the same isolated world; the popup
    // gets its article from the page's process, the offline reader from storage: both sanitize it themselves.
    for (const file of ['entrypoints/popup/main.tsx', 'entrypoints/reader/main.tsx']) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, file).toMatch(/contentHtml = [^;]*sanitizeHtml\([^;]*\.article\.contentHtml/);
      expect(source, file).toMatch(/article: \{ \.\.\.[^}]*contentHtml[^}]*\}/);
    }
  });
});
