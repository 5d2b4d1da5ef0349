// Save for later, the reading list and the offline copy; the options page's import and export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Tab } from '../../support/driver/index.ts';
import { SEED_PARAGRAPHS, SEED_TITLE, enMessage } from '../expectations.ts';
import { ROOT } from '../paths.ts';
import { PATHS, startServer } from '../server.ts';
import { artifact, openPopupOn, type Session } from './session.ts';

const ITEMS = '.reading-list .item';
const button = (key: string) => `role=button[name="${enMessage(key)}"]`;

/** Opens the popup's Reading list tab (the popup comes to the front for the click). */
async function readingListTab(popup: Tab): Promise<void> {
  await popup.bringToFront();
  await popup.click(button('tabReadingList'));
  await popup.waitFor('.reading-list');
}

/** Waits until the list shows an item titled `title`. */
const itemTitled = (popup: Tab, title: string) =>
  popup.waitUntil(
    (title) => [...document.querySelectorAll('.reading-list .item-title')].some((a) => a.textContent === title),
    title,
  );

/** Runs an action of the first item from its menu (`action`: state, favourite, tags, original, delete). */
export async function itemAction(popup: Tab, action: string): Promise<void> {
  await popup.click(`${ITEMS} .item-menu-button`);
  await popup.waitFor('.reading-list [role="menu"]');
  await popup.click(`.reading-list [role="menu"] .action-${action}`);
}

/** Deletes every item of the list, one click at a time, each time waiting until the item is gone. */
async function emptyTheList(popup: Tab): Promise<void> {
  for (let left = await popup.count(ITEMS); left > 0; left = await popup.count(ITEMS)) {
    await itemAction(popup, 'delete');
    await popup.waitUntil((left) => document.querySelectorAll('.reading-list .item').length < left, left);
  }
  await popup.waitFor('.reading-list .empty');
}

export function readingListScenarios({ driver, server }: Session): void {
  describe('save for later and the offline copy', () => {
    test('save from the popup, find it in the list after reopening, read the offline copy with the server gone', async () => {
      // A server of its own, so that stopping it leaves the other tests theirs.
      const own = await startServer();
      let popup = await openPopupOn(driver(), own.url(PATHS.article));
      await popup.bringToFront();
      await popup.click(button('saveForLater'));
      await popup.waitFor(button('savedForLater'));
      expect(await popup.attribute('button.action-save', 'aria-pressed')).toBe('true');
      await popup.close();

      await own.close(); // from here on, the article's site is unreachable
      popup = await openPopupOn(driver(), server().url(PATHS.notArticle));
      await readingListTab(popup);
      await itemTitled(popup, SEED_TITLE);
      expect(await popup.count(ITEMS)).toBe(1);
      expect(await popup.count(`${ITEMS} .not-offline`)).toBe(0);
      // Title, site, reading time (from the offline copy), a labelled save date and the publication date.
      await popup.waitFor(`${ITEMS} .item-site .reading-time`);
      expect(await popup.text(`${ITEMS} .item-site .site`)).toBe('Le Quotidien du Maghreb');
      expect(await popup.text(`${ITEMS} .item-site .reading-time`)).toBe('2 min read');
      expect(await popup.text(`${ITEMS} .saved-at`)).toMatch(/^saved (now|\d+ minutes? ago)$/);
      expect(await popup.text(`${ITEMS} .published`)).toBe('published June 29, 2024');
      await popup.setViewport(460, 580);
      await popup.screenshot(artifact(driver(), 'reading-list.png'));
      // The actions menu, opened and read as a menu; Escape closes it.
      await popup.click(`${ITEMS} .item-menu-button`);
      await popup.waitFor('.reading-list [role="menu"]');
      expect(await popup.attribute(`${ITEMS} .item-menu-button`, 'aria-expanded')).toBe('true');
      expect(await popup.count('[role="menu"] [role^="menuitem"]')).toBe(5);
      await popup.screenshot(artifact(driver(), 'reading-list-menu.png'));
      await popup.press('Escape');
      await popup.waitFor('.reading-list [role="menu"]', { state: 'detached' });
      // Dark, for the screenshots.
      await driver().inExtension(({ api }) => api.storage.sync.set({ readerSettings: { theme: 'dark' } }), null);
      await popup.waitFor('.reader[data-theme="dark"]');
      await popup.screenshot(artifact(driver(), 'reading-list-dark.png'));
      await driver().inExtension(({ api }) => api.storage.sync.remove('readerSettings'), null);
      await popup.waitFor('.reader[data-theme="auto"]');

      // Search finds it by a word of its text, accents ignored; a word it lacks finds nothing.
      await popup.fill('role=searchbox', 'cooperation bilaterale');
      await itemTitled(popup, SEED_TITLE);
      await popup.fill('role=searchbox', 'zeppelin');
      await popup.waitFor('.reading-list .empty');
      await popup.fill('role=searchbox', '');
      await itemTitled(popup, SEED_TITLE);

      const reader = await driver().nextTab(() => popup.click(`${ITEMS} .item-title`));
      await reader.waitFor('main[data-state="article"]');
      expect(await reader.url()).toMatch(/\/reader\.html\?id=/);
      const paragraphs = await reader.texts('.content p');
      SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));
      // The summary made at saving time comes with the copy.
      await reader.waitFor('.key-points li');
      expect((await reader.texts('.key-points li')).join(' ')).toContain('Nicolas Lerner');
      // Listen in this reader (the voice, the highlight, the place kept): scenarios/listen.ts.
      // The reader's own actions, each said in its status line: mark read and back, delete and undo.
      await reader.bringToFront();
      await reader.setViewport(1000, 700);
      await reader.screenshot(artifact(driver(), 'offline-reader.png'));
      await reader.click(button('markRead'));
      await reader.waitUntil(
        (text) => document.querySelector('.reader-status')?.textContent === text,
        enMessage('readerMarkedRead'),
      );
      await reader.click(button('markUnread'));
      await reader.waitUntil(
        (text) => document.querySelector('.reader-status')?.textContent === text,
        enMessage('readerMarkedUnread'),
      );
      await reader.click(button('delete'));
      await reader.waitFor('.reader-status .action-undo');
      expect(await reader.text('.reader-status')).toContain(enMessage('readerDeleted'));
      await reader.screenshot(artifact(driver(), 'offline-reader-deleted.png'));
      await reader.click('.reader-status .action-undo');
      await reader.waitFor('.reader-status .action-undo', { state: 'detached' });
      expect(await reader.text('.reader-status')).toBe(enMessage('readerRestored'));
      // Back to the list: the reading list's own page, with the item still there.
      await reader.click(button('backToList'));
      await reader.waitFor('.reading-list .item');
      expect(await reader.url()).toMatch(/\/list\.html$/);
      await reader.close();

      // Archive it (the status line says so), tag it, then delete it and undo.
      await popup.bringToFront();
      await itemAction(popup, 'state');
      await popup.waitFor(`${ITEMS}[data-state="archived"]`);
      expect(await popup.text('.list-status')).toBe(enMessage('listMarkedRead').replace('$TITLE$', SEED_TITLE));
      await itemAction(popup, 'tags');
      expect(await popup.text('.tag-hint')).toBe(enMessage('tagsHint'));
      await popup.fill('.tag-editor input', 'Maghreb, security');
      await popup.press('Enter');
      await popup.waitUntil(() => document.querySelectorAll('.reading-list .item .tag').length === 2, null);
      expect(await popup.texts(`${ITEMS} .tag`)).toEqual(['maghreb', 'security']);
      await itemAction(popup, 'delete');
      await popup.waitFor('.reading-list .empty');
      await popup.click('.action-undo');
      await itemTitled(popup, SEED_TITLE);
      await emptyTheList(popup); // leave the list empty for the other tests
      await popup.close();
    });

    test('the save shortcut saves the page without opening anything', async () => {
      const url = server().url(PATHS.article);
      await driver().pageTab.bringToFront();
      await driver().pageTab.goto(url);
      await driver().command('save-for-later', url);
      // The popup on that page knows it is saved.
      const onArticle = await openPopupOn(driver(), url);
      await onArticle.waitFor(button('savedForLater'));
      await onArticle.close();
      const popup = await openPopupOn(driver(), server().url(PATHS.notArticle));
      await readingListTab(popup);
      await itemTitled(popup, SEED_TITLE);
      await emptyTheList(popup);
      await popup.close();
    });
  });

  describe('the options page', () => {
    test('refuses an http:// sync address to another computer, says why, and confirms the save', async () => {
      const options = await driver().openExtensionPage('options.html');
      await options.bringToFront();
      await options.click('input[name="enabled"]');
      await options.fill('input[name="baseUrl"]', 'http://cloud.example.org/dav/');
      await options.click('.webdav-save');
      await options.waitFor('.webdav .saved');
      expect(await options.text('.webdav .result.error')).toBe(
        enMessage('webdavProblemInsecureAddress').replace('$HOST$', 'cloud.example.org'),
      );
      expect(await options.text('.webdav .saved')).toBe(enMessage('webdavSavedSyncOff'));
      // Disabled buttons look disabled.
      expect(await options.attribute('.webdav-sync', 'disabled')).not.toBeNull();
      expect(await options.style('.webdav-sync', 'opacity')).toBe('0.45');
      await options.setViewport(900, 900);
      await options.screenshot(artifact(driver(), 'options-light.png'));
      await driver().inExtension(({ api }) => api.storage.local.remove('webdavSettings'), null);
      await options.close();
    });

    test('imports an Instapaper export into the reading list, and exports it as JSON', async () => {
      const options = await driver().openExtensionPage('options.html');
      await options.bringToFront();
      await options.chooseFile('input[type="file"]', join(ROOT, 'tests/fixtures-transfer/instapaper.csv'));
      await options.waitFor('.import-preview');
      expect(await options.text('.import-preview')).toContain('4'); // four items, two rows skipped with their reason
      await options.click('.import-preview summary');
      expect(await options.text('.import-preview')).toContain('not a web address: ftp://example.org/file');
      await options.click('.import-go');
      await options.waitFor('.import-done');
      expect(await options.text('.import-done')).toMatch(/4 new/);

      const exported = JSON.parse(readFileSync(await options.download('.export-json'), 'utf8')) as {
        format: string;
        items: { url: string; state: string; favourite: boolean; tags: string[] }[];
      };
      expect(exported.format).toBe('clear-reader');
      expect(exported.items).toHaveLength(4);
      expect(exported.items.find((i) => i.url === 'https://example.org/starred')).toMatchObject({
        favourite: true,
        tags: ['plain', 'tags'],
      });
      expect(exported.items.find((i) => i.url === 'https://example.org/archived-insta')?.state).toBe('archived');

      // The popup's list has them; clean up for the other tests.
      const popup = await openPopupOn(driver(), server().url(PATHS.notArticle));
      await readingListTab(popup);
      await popup.waitFor(`${ITEMS}:nth-child(4)`);
      expect(await popup.count(ITEMS)).toBe(4);
      await emptyTheList(popup);
      await popup.close();
      await options.close();
    });
  });
}
