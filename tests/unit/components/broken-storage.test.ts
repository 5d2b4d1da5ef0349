// @vitest-environment jsdom
// What the reader is told when storage goes wrong: the reading list's notices, and the offline reader without its
// copy. Presentational parts, with a `t` that shows which message was asked for.
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ReadingListView, listNotices, type ReadingListViewProps } from '../../../components/ReadingListView.tsx';
import { MissingCopy } from '../../../entrypoints/reader/MissingCopy.tsx';
import { LIST_STATUS_OK, type ListStatus } from '../../../contracts/messages.ts';
import { useRoot } from '../../support/preact.ts';
import { localized, t } from '../../support/translate.ts';

const { root: current, mount } = useRoot();

describe('the reading list’s notices', () => {
  it('says nothing when all is well', () => {
    expect(listNotices(LIST_STATUS_OK, t, 'en')).toEqual([]);
  });

  it.each([
    [{ localStoreError: 'Local storage: QUOTA_BYTES quota exceeded' }, 'listLocalWriteFailed:reasonQuota'],
    [{ lastError: 'Writing sync storage: offline' }, 'syncError:reasonUnreachable'],
    [{ newerKeys: 2 }, 'listSyncNewer:2'],
    [{ damagedKeys: 3 }, 'listSyncDamaged:3'],
    [{ unreadableLocal: 4 }, 'listLocalUnreadable:4'],
    [{ localFromOtherVersion: true }, 'listLocalOtherVersion'],
    [{ keptCopies: 1 }, 'listCopiesKept_one:1'],
    [{ localOnlyCount: 5 }, 'syncQuotaFull:5'],
  ] as [Partial<ListStatus>, string][])('%o: %s', (status, notice) => {
    expect(listNotices({ ...LIST_STATUS_OK, ...status }, t, 'en')).toEqual([notice]);
  });

  it('says the list could not be loaded, and that offline copies cannot be read here', () => {
    expect(listNotices(LIST_STATUS_OK, t, 'en', { failure: 'no connection', offlineUnavailable: true })).toEqual([
      'listLoadFailed:reasonUnreachable',
      'offlineUnavailable',
    ]);
  });

  it('tells everything that went wrong at once, a local write failure before a sync one', () => {
    const status = {
      ...LIST_STATUS_OK,
      localStoreError: 'L',
      lastError: 'L',
      newerKeys: 1,
      unreadableLocal: 2,
      keptCopies: 3,
    };
    expect(listNotices(status, t, 'en')).toEqual([
      'listLocalWriteFailed:reasonUnknown',
      'listLocalUnreadable:2',
      'listSyncNewer_one:1',
    ]);
  });

  it('counts in the interface language, and never shows the browser’s own error text', () => {
    const status = { ...LIST_STATUS_OK, unreadableLocal: 1234, lastError: 'MAX_WRITE_OPERATIONS_PER_MINUTE exceeded' };
    const notices = listNotices(status, t, 'fr');
    expect(notices).toEqual(['syncError:reasonWriteRate', 'listLocalUnreadable:1\u202f234']);
    expect(notices.join(' ')).not.toContain('MAX_WRITE');
  });

  it('words each notice for its count: one part, one item (French: 0 and 1 alike)', () => {
    const status = { ...LIST_STATUS_OK, newerKeys: 1, unreadableLocal: 2 };
    expect(listNotices(status, localized('en'), 'en')).toEqual([
      'Saved items on this device that could not be read in full: 2. They were left as they are, and a copy was kept.',
      'Parts of your synced reading list written by a newer version of Clear Reader: 1 of 16. It is left untouched; its items will show once Clear Reader is updated here.',
    ]);
    expect(listNotices({ ...LIST_STATUS_OK, localOnlyCount: 1 }, localized('fr'), 'fr')).toEqual([
      'Le stockage synchronisé est plein\u202f: 1 article archivé reste sur cet appareil uniquement. Rien n’a été supprimé.',
    ]);
  });

  function listView(overrides: Partial<ReadingListViewProps>) {
    const props: ReadingListViewProps = {
      shown: [],
      total: 0,
      tags: [],
      filter: { query: '', state: 'all', favourites: false, tag: null },
      offline: new Set(),
      t,
      locale: 'en',
      notices: [],
      undoable: null,
      onFilter: vi.fn(),
      onChange: vi.fn(),
      onUndo: vi.fn(),
      onOpenOffline: vi.fn(),
      onOpenOriginal: vi.fn(),
      ...overrides,
    };
    return h(ReadingListView, props);
  }

  it('shows every notice, as a status line', async () => {
    await mount(listView({ notices: ['listSyncNewer:1', 'offlineUnavailable'] }));
    const lines = [...current().querySelectorAll('.notice[role="status"]')].map((p) => p.textContent);
    expect(lines).toEqual(['listSyncNewer:1', 'offlineUnavailable']);
  });

  it('does not call a list it could not load empty', async () => {
    await mount(listView({ notices: ['listLoadFailed:x'], failed: true }));
    expect(current().querySelector('.empty')).toBeNull();
    await mount(listView({ notices: [] }));
    expect(current().querySelector('.empty')?.textContent).toBe('listEmpty');
  });
});

describe('the offline reader without its copy', () => {
  it.each([
    ['missing', 'readerNoCopy'],
    ['unavailable', 'readerCopyUnavailable'],
    ['damaged', 'readerCopyDamaged'],
  ] as const)('%s: says why, and links to the original', async (kind, message) => {
    const onOpenOriginal = vi.fn();
    const url = 'https://www.lemonde.fr/a.html';
    await mount(h(MissingCopy, { kind, url, detail: 'technical', t, onOpenOriginal }));
    expect(current().querySelector('[role="alert"]')?.textContent).toBe(message);
    expect(current().querySelector('main')?.getAttribute('data-reason')).toBe(`copy-${kind}`);
    const link = current().querySelector<HTMLAnchorElement>('.original-link a');
    expect(link?.href).toBe(url);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(onOpenOriginal).toHaveBeenCalledWith(url);
  });

  it('shows an address that is not a web page as text, never as a link, and no line without an address', async () => {
    await mount(
      h(MissingCopy, { kind: 'missing', url: 'javascript:alert(1)', detail: '', t, onOpenOriginal: vi.fn() }),
    );
    expect(current().querySelector('.original-link a')).toBeNull();
    expect(current().querySelector('.original-link')?.textContent).toContain('javascript:alert(1)');
    await mount(h(MissingCopy, { kind: 'missing', url: null, detail: '', t, onOpenOriginal: vi.fn() }));
    expect(current().querySelector('.original-link')).toBeNull();
  });
});
