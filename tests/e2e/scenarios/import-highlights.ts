// Imports that keep the highlights, end to end: a Readwise CSV (built for the test server's article: its
// address, two quotes in its text and one that is not, and a row naming no article) is imported
// through the options page, which counts the highlights and lists the unattached one; the list shows the
// item's counts and the Highlights view the highlights, "Not placed yet" (and the offline reader, with no copy
// yet, lists them). Saving the article places those
// whose quote is in its text (painted in the offline reader); the other is listed there as not found. Then an
// Omnivore ZIP with its highlights/<slug>.md, a wallabag JSON export and an Instapaper CSV: their highlights come too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Tab } from '../../support/driver/index.ts';
import { FIXTURES, zipFixture } from '../../support/transfer-fixtures.ts';
import { enCount, enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { artifact, type Session } from './session.ts';

const KEPT = 'worth about £38 a year for a typical household';
const SECOND = 'nobody in Kettleby wants a cheque';
const NOWHERE = 'A sentence this article never had, with a comma.';
const NOTE = 'Check, with the regulator';

/** Readwise's export for the article at `url` (where the test server serves it: its canonical link names another site). */
const readwiseCsv = (url: string) =>
  [
    'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL',
    `"${KEPT}",Northgate Water refunds,A Reporter,,"${NOTE}",green,,offset,10,2025-06-20 08:00:00+00:00,water,${url}`,
    `"${SECOND}",Northgate Water refunds,A Reporter,,,,,offset,20,2025-06-20 08:05:00+00:00,water,${url}`,
    `"${NOWHERE}",Northgate Water refunds,A Reporter,,,pink,,offset,30,2025-06-20 08:10:00+00:00,water,${url}`,
    'A line from a paper book,A Paper Book,Some Author,B000000000,,yellow,,location,12,2024-01-01 00:00:00+00:00,,',
  ].join('\r\n');

const unplacedQuotes = (list: Tab) =>
  list.evaluate(
    () =>
      [...document.querySelectorAll('.highlights-view .highlight-entry')]
        .filter((e) => e.querySelector('.highlight-unplaced'))
        .map((e) => e.querySelector('.highlight-quote')!.textContent)
        .sort(),
    null,
  );

export function importHighlightScenarios({ driver, server }: Session): void {
  describe('imports that keep the highlights', () => {
    test('a Readwise CSV through the options page: counted, listed, not placed yet, then placed once saved', async () => {
      const url = server().url(PATHS.english);
      const dir = mkdtempSync(join(tmpdir(), 'cr-import-'));
      writeFileSync(join(dir, 'readwise.csv'), readwiseCsv(url));
      const options = await driver().openExtensionPage('options.html');
      await options.bringToFront();
      await options.chooseFile('input[type="file"]', join(dir, 'readwise.csv'));
      await options.waitFor('.import-preview');
      expect(await options.text('.import-highlights')).toBe(enCount('importPreviewHighlights', 3));
      expect(await options.text('.import-unattached')).toBe(enCount('importUnattached', 1));
      await options.click('.import-preview summary');
      expect(await options.text('.import-rejected-quote')).toBe('A line from a paper book');
      await options.setViewport(900, 700);
      await options.screenshot(artifact(driver(), 'import-highlights-preview.png'));
      await options.click('.import-go');
      await options.waitFor('.import-done');
      expect(await options.text('.import-done')).toContain(enMessage('importDoneHighlights').replace('$COUNT$', '3'));
      await options.close();

      // The list: the item's counts; the Highlights view: every one, not placed yet, the note with its quote.
      let list = await driver().openExtensionPage('list.html');
      await list.bringToFront();
      await list.waitFor('.reading-list .item .highlight-count');
      expect(await list.text('.reading-list .item .highlight-count')).toBe('Highlights: 3, Notes: 1');
      await list.click('.view-highlights');
      await list.waitFor('.highlights-view .highlight-entry');
      expect(await list.count('.highlights-view .highlight-entry')).toBe(3);
      expect(await unplacedQuotes(list)).toEqual([KEPT, NOWHERE, SECOND].sort());
      expect(await list.texts('.highlights-view .highlight-note')).toEqual([NOTE]);
      expect(await list.attribute('.highlights-view .highlight-unplaced', 'title')).toBe(enMessage('hlNotPlacedHelp'));
      await list.screenshot(artifact(driver(), 'import-highlights-view.png'));
      // Its place: the offline reader has no copy yet, and lists them there with their notes.
      const noCopy = await driver().nextTab(() =>
        list.click('.highlights-view .highlight-entry:has(.highlight-note) .highlight-link'),
      );
      await noCopy.waitFor('main[data-state="failure"]');
      await noCopy.waitUntil(() => document.querySelectorAll('.hl-unplaced .hl-item').length === 3, null);
      expect((await noCopy.texts('.hl-unplaced .hl-item blockquote')).sort()).toEqual([KEPT, NOWHERE, SECOND].sort());
      expect(await noCopy.texts('.hl-unplaced .hl-item-note')).toEqual([NOTE]);
      await noCopy.close();
      await list.close();

      // Saved with its offline copy: the two quotes in its text are placed, the third is not.
      // (The popup shows the imported item as saved already: the shortcut saves it again, with its copy.)
      await driver().pageTab.bringToFront();
      await driver().pageTab.goto(url);
      await driver().command('save-for-later', url);

      list = await driver().openExtensionPage('list.html');
      await list.bringToFront();
      await list.waitFor('.reading-list .item .highlight-count');
      expect(await list.count('.reading-list .item')).toBe(1); // the same item: the import named its address
      await list.click('.view-highlights');
      await list.waitFor('.highlights-view .highlight-entry');
      expect(await unplacedQuotes(list)).toEqual([NOWHERE]);
      // The offline reader paints the placed ones and lists the other as not found, with its quote.
      const reader = await driver().nextTab(() =>
        list.click(`.highlights-view .highlight-entry:has(.highlight-note) .highlight-link`),
      );
      await reader.waitFor('main[data-state="article"]');
      await reader.waitFor('.hl-section[data-ready="true"]');
      await reader.waitUntil(
        ({ kept, second }) => {
          const all = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          const texts = (name: string) => [...(all.get(name) ?? [])].map((r) => r.toString());
          return texts('cr-hl-green').includes(kept) && texts('cr-hl-yellow').includes(second);
        },
        { kept: KEPT, second: SECOND },
      );
      expect(await reader.texts('.hl-orphans .hl-orphan blockquote')).toEqual([NOWHERE]);
      await reader.close();
      await list.close();
    });

    test('an Omnivore ZIP brings the highlights of its highlights/<slug>.md files', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cr-import-'));
      writeFileSync(join(dir, 'omnivore.zip'), zipFixture('omnivore-highlights-zip', 'Omnivore/'));
      const options = await driver().openExtensionPage('options.html');
      await options.bringToFront();
      await options.chooseFile('input[type="file"]', join(dir, 'omnivore.zip'));
      await options.waitFor('.import-highlights');
      expect(await options.text('.import-highlights')).toBe(enCount('importPreviewHighlights', 3));
      await options.click('.import-go');
      await options.waitFor('.import-done');
      expect(await options.text('.import-done')).toContain(enMessage('importDoneHighlights').replace('$COUNT$', '3'));
      await options.close();
      const list = await driver().openExtensionPage('list.html');
      await list.bringToFront();
      await list.click('.view-highlights');
      await list.waitUntil(() => document.querySelectorAll('.highlights-view .highlight-entry').length === 6, null);
      expect(await list.texts('.highlights-view .highlight-note')).toContain(
        'A note on the first highlight, with a comma.',
      );
      await list.close();
    });

    test.each([
      [
        'a wallabag JSON export',
        'wallabag-highlights.json',
        ['A sentence worth keeping, with a comma.', 'Some text to read.'],
      ],
      ['an Instapaper CSV', 'instapaper.csv', ['A selection, with commas']],
    ])('%s brings its highlights through the options page', async (_, file, quotes) => {
      const options = await driver().openExtensionPage('options.html');
      await options.bringToFront();
      await options.chooseFile('input[type="file"]', join(FIXTURES, file));
      await options.waitFor('.import-highlights');
      const count = String(quotes.length);
      expect(await options.text('.import-highlights')).toBe(enCount('importPreviewHighlights', quotes.length));
      await options.click('.import-go');
      await options.waitFor('.import-done');
      expect(await options.text('.import-done')).toContain(enMessage('importDoneHighlights').replace('$COUNT$', count));
      await options.close();
      const list = await driver().openExtensionPage('list.html');
      await list.bringToFront();
      await list.click('.view-highlights');
      await list.waitUntil((wanted) => {
        const shown = [...document.querySelectorAll('.highlights-view .highlight-quote')].map((q) => q.textContent);
        return wanted.every((quote) => shown.includes(quote));
      }, quotes);
      await list.close();
    });
  });
}
