// @vitest-environment jsdom
// The options page's sync screen says what happened: the permission prompt being open, a save, and disabled
// buttons while something runs.
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { WebDavSyncView, type WebDavSyncViewProps } from '../../../components/WebDavSyncView.tsx';
import { useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector<HTMLElement>(selector);

function view(overrides: Partial<WebDavSyncViewProps>) {
  const props: WebDavSyncViewProps = {
    t,
    locale: 'en',
    webdav: {
      enabled: true,
      baseUrl: 'http://cloud.example.org/dav/',
      user: 'alice',
      password: 'pw',
      folder: 'Clear Reader',
      passphrase: '',
      syncArticles: false,
    },
    status: { lastSyncAt: null, lastError: null, failures: 0, problems: [] },
    testResult: null,
    busy: false,
    onWebDavChange: vi.fn(),
    onWebDavSave: vi.fn(),
    onWebDavTest: vi.fn(),
    onSyncNow: vi.fn(),
    ...overrides,
  };
  return mount(h(WebDavSyncView, props));
}

describe('WebDavSyncView: feedback', () => {
  it('says that highlights and notes stay on this device without WebDAV, and sync through it with it', async () => {
    const off = {
      enabled: false,
      baseUrl: '',
      user: '',
      password: '',
      folder: '',
      passphrase: '',
      syncArticles: false,
    };
    await view({ webdav: off });
    expect($('.highlights-stay-here')?.textContent).toBe('highlightsStayHere');
    expect($('.highlights-sync')).toBeNull();
    await view({});
    expect($('.highlights-sync')?.textContent).toBe('highlightsSyncWebDav');
    expect($('.highlights-stay-here')).toBeNull();
  });

  it('confirms a save where it can be seen and heard', async () => {
    await view({ saved: 'saved' });
    expect($('.saved')?.getAttribute('role')).toBe('status');
    expect($('.saved')?.textContent).toBe('webdavSaved');
  });

  it('says sync is off when the save turned it off, next to why', async () => {
    await view({
      saved: 'saved-sync-off',
      testResult: { ok: false, problem: { code: 'insecure-address', host: 'cloud.example.org' } },
    });
    expect($('.saved')?.textContent).toBe('webdavSavedSyncOff');
    expect($('.result.error')?.textContent).toBe('webdavProblemInsecureAddress:cloud.example.org');
  });

  it('says the permission prompt is waiting for the reader', async () => {
    await view({ asking: true, busy: true });
    expect($('.asking')?.textContent).toBe('webdavAsking');
    for (const button of root().querySelectorAll('.buttons button')) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
