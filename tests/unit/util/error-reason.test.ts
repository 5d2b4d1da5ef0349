import { describe, expect, it } from 'vitest';
import { errorReason, type ErrorReason } from '../../../core/util/index.ts';
import { ERROR_REASON_MESSAGES, describeError } from '../../../contracts/error-reasons.ts';
import en from '../../../public/_locales/en/messages.json' with { type: 'json' };
import fr from '../../../public/_locales/fr/messages.json' with { type: 'json' };

// Messages browsers, storage and servers really give (Chromium, Firefox, the WebDAV client, IndexedDB).
const SEEN: [string, ErrorReason][] = [
  ['Cannot access a chrome:// URL', 'restricted'],
  [
    'Cannot access contents of url "https://chromewebstore.google.com/". Extension manifest must request permission to access this host.',
    'restricted',
  ],
  ['The extensions gallery cannot be scripted.', 'restricted'],
  ['Missing host permission for the tab', 'restricted'],
  ['No tab with id: 42.', 'tab-closed'],
  ['Frame with ID 0 was removed.', 'tab-closed'],
  ['the page did not answer within 20 s', 'timeout'],
  ['MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded', 'write-rate'],
  ['QUOTA_BYTES quota exceeded', 'quota'],
  ['Local storage: QUOTA_BYTES_PER_ITEM quota exceeded', 'quota'],
  ['QuotaExceededError: The quota has been exceeded.', 'quota'],
  ['The server is out of space (507 Insufficient Storage).', 'quota'],
  ['IndexedDB is not available here', 'offline-unavailable'],
  ['Extension context invalidated.', 'extension-restarted'],
  ['Could not establish connection. Receiving end does not exist.', 'extension-restarted'],
  ['The server refused the user name or password (check them, or use an app password).', 'auth'],
  ['The server refused access to this folder for this user.', 'auth'],
  ['Listing: the server has no such folder (check the address).', 'not-webdav'],
  ['This address does not speak WebDAV (check the address).', 'not-webdav'],
  ['The server address is not a valid http(s) address.', 'bad-address'],
  ['The server redirected to another address: use the address it redirects to (https, trailing slash).', 'bad-address'],
  ['Listing: the server cannot be reached (offline, wrong address, or blocked).', 'unreachable'],
  ['TypeError: Failed to fetch', 'unreachable'],
  ['NetworkError when attempting to fetch resource.', 'unreachable'],
  ['Listing: the server failed (HTTP 502).', 'server'],
  ['the content script returned no result', 'unknown'],
  ['', 'unknown'],
];

describe('errorReason', () => {
  it.each(SEEN)('%s -> %s', (message, reason) => {
    expect(errorReason(message)).toBe(reason);
    expect(errorReason(new Error(message))).toBe(reason);
  });

  it('has a message in both languages for every reason, and no browser wording in them', () => {
    for (const key of Object.values(ERROR_REASON_MESSAGES)) {
      expect(en).toHaveProperty(key);
      expect(fr).toHaveProperty(key);
    }
    const t = (key: keyof typeof fr) => fr[key].message;
    const shown = describeError(t, 'Cannot access a chrome:// URL');
    expect(shown).toBe('le navigateur ne permet pas aux extensions de lire cette page');
    expect(shown).not.toMatch(/chrome:|Cannot/);
  });
});
