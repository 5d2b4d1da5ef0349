import { browser } from 'wxt/browser';
import { handleCommand, handleContextMenuClick, handleOpenRequest, installContextMenu } from '../platform/commands.ts';
import { onMessage } from '../platform/messaging.ts';

// Listeners are registered synchronously at start, so an event that woke the worker is not missed.
export default defineBackground(() => {
  browser.commands.onCommand.addListener((command, tab) => void handleCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void handleContextMenuClick(info.menuItemId, tab));
  browser.runtime.onInstalled.addListener(() => void installContextMenu());
  browser.runtime.onStartup.addListener(() => void installContextMenu());
  onMessage('openReaderView', ({ data, sender }) => {
    // Without @types/chrome the sender is untyped here: only its tab id is read.
    const senderTab = (sender as { tab?: { id?: number } } | undefined)?.tab;
    return handleOpenRequest(data.tabId ?? senderTab?.id, data.force === true);
  });
  // The shortcut's handler, callable from the worker's DevTools console (pages cannot reach this global). The
  // end-to-end tests call it too: no automation can press a shortcut in a headless browser. Shipped and tested
  // builds stay byte-identical (tests/e2e/build.e2e.ts).
  Object.assign(globalThis, { clearReader: { handleCommand } });
});
