// Typed messages between the extension's pages, the in-page view and the background.
import { defineExtensionMessaging } from '@webext-core/messaging';

export interface OpenReaderViewRequest {
  /** The tab to show the view in; omitted when the in-page view itself asks (its own tab). */
  tabId?: number;
  /** Skip the "is it an article" check ("Show it anyway"). */
  force?: boolean;
}

interface ProtocolMap {
  /** Opens (or refreshes) the in-page clean view. Resolves with false when the tab could not show it. */
  openReaderView(request: OpenReaderViewRequest): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
