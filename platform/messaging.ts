// Typed messages between the extension's pages, the in-page view and the background (contracts/messages.ts).
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from '../contracts/messages.ts';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
