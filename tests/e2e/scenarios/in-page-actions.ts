// The in-page view's actions (issue 14): Save / Saved with undo, mark read, favourite, the reading list opened in
// a tab by the background, each said in the view's status line; on a page not saved yet, mark read saves first.
import { describe, expect, test } from 'vitest';
import type { Driver, Tab } from '../../support/driver/index.ts';
import { enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { closeView, inView, openViewOn, type Session } from './session.ts';

const status = inView('.reader-status span');

/** Waits until the view's status line says `text` (or starts with it). */
async function said(page: Tab, text: string) {
  await expect.poll(() => page.text(status), { timeout: 10_000 }).toContain(text);
}

/** What the list page shows for the item titled `title` (run in the page), null when it is not there. */
function listed(title: string) {
  const found = Array.from(document.querySelectorAll('.reading-list .item')).find(
    (li) => li.querySelector('.item-title')?.textContent === title,
  );
  return found ? { state: found.getAttribute('data-state'), favourite: found.getAttribute('data-favourite') } : null;
}

/** Whether the list page no longer lists `title` (run in the page: no closures). */
function notListed(title: string) {
  return !Array.from(document.querySelectorAll('.reading-list .item-title')).some((a) => a.textContent === title);
}

/** Opens the reading list from the view (the background opens it in a tab) once it lists `title`. */
async function openList(driver: Driver, title: string): Promise<Tab> {
  const list = await driver.nextTab(() => driver.pageTab.click(inView('.action-reading-list')));
  await list.waitUntil(listed, title); // a new tab starts as about:blank in Firefox
  expect(await list.url()).toMatch(/\/list\.html$/);
  await said(driver.pageTab, enMessage('viewListOpened'));
  await driver.pageTab.bringToFront();
  return list;
}

export function inPageActionScenarios({ driver, server }: Session): void {
  describe('the in-page view’s actions', () => {
    test('Save, the reading list, mark read, favourite, Saved with undo; mark read on an unsaved page saves it', async () => {
      const d = driver();
      const page = d.pageTab;
      const url = server().url(PATHS.english);
      await openViewOn(d, url);
      const title = await page.text(inView('.title'));
      expect(title).not.toBe('');

      // Save: the toggle says it, and its tooltip names the browser's shortcut.
      expect(await page.attribute(inView('.action-save'), 'aria-pressed')).toBe('false');
      // The shipped default as each browser writes it: Alt+Shift+K in Chromium, Shift+Alt+K in Firefox.
      expect(await page.attribute(inView('.action-save'), 'title')).toMatch(/(Alt\+Shift|Shift\+Alt)\+K\b/);
      expect(await page.attribute(inView('.action-mark-read'), 'title')).toContain(enMessage('viewSavesFirst'));
      expect(await page.attribute(inView('.reader-status'), 'role')).toBe('status');
      await page.click(inView('.action-save'));
      await page.waitFor(inView('.action-save[aria-pressed="true"]'));
      await said(page, enMessage('viewSaved'));
      expect(await page.text(inView('.action-save'))).toBe(enMessage('savedForLater'));

      // The reading list opens in a tab (the background does it) and has the page.
      let list = await openList(d, title);
      expect(await list.evaluate(listed, title)).toEqual({ state: 'unread', favourite: 'false' });
      await list.close();

      // Mark read by click, favourite by its key (the view has the focus): both said, both in the list.
      await page.click(inView('.action-mark-read'));
      await said(page, enMessage('readerMarkedRead'));
      await expect.poll(() => page.text(inView('.action-mark-read'))).toBe(enMessage('markUnread'));
      await page.press('f');
      await page.waitFor(inView('.action-favourite[aria-pressed="true"]'));
      await said(page, enMessage('readerFavourited'));
      list = await openList(d, title);
      expect(await list.evaluate(listed, title)).toEqual({ state: 'archived', favourite: 'true' });

      // "Saved" takes it out of the list (the delete), Undo puts it back: the open list page follows.
      await page.click(inView('.action-save'));
      await page.waitFor(inView('.action-save[aria-pressed="false"]'));
      await said(page, title);
      await list.waitUntil(notListed, title);
      await page.click(inView('.action-undo'));
      await page.waitFor(inView('.action-save[aria-pressed="true"]'));
      await said(page, enMessage('readerRestored'));
      expect(await page.count(inView('.action-undo'))).toBe(0);
      await list.waitUntil(listed, title);
      await page.click(inView('.action-save')); // out again, for good
      await page.waitFor(inView('.action-save[aria-pressed="false"]'));
      await list.waitUntil(notListed, title);
      await list.close();

      // Mark read on a page that is not in the list: saved first, then archived.
      await page.click(inView('.action-mark-read'));
      await page.waitFor(inView('.action-save[aria-pressed="true"]'));
      await said(page, `${enMessage('viewSaved')} ${enMessage('readerMarkedRead')}`);
      list = await openList(d, title);
      expect((await list.evaluate(listed, title))?.state).toBe('archived');
      await list.close();
      await page.click(inView('.action-save')); // the list as the other scenarios expect it
      await page.waitFor(inView('.action-save[aria-pressed="false"]'));
      await closeView(d);
    });
  });
}
