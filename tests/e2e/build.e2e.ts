// What ships: the built manifests ask for nothing beyond activeTab, scripting, storage, contextMenus and alarms, and the E2E variants
// the browser tests load differ from the shipped builds by their manifest's host permission only.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTENT_SCRIPT_FILE } from '../../platform/extract-tab.ts';
import { READER_VIEW_FILE } from '../../platform/protocol.ts';
import { E2E_BUILD, SHIPPED } from './paths.ts';

const ALLOWED_PERMISSIONS = ['activeTab', 'alarms', 'contextMenus', 'scripting', 'storage'];
/** Asked for at run time, one origin at a time: the reader's own WebDAV server (platform/webdav-sync.ts). */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

type Manifest = Record<string, unknown> & { manifest_version: number; permissions?: string[] };

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifestOf = (dir: string) => readJson<Manifest>(join(dir, 'manifest.json'));

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const BROWSERS = ['chrome', 'firefox'] as const;

describe.each(BROWSERS)('the shipped %s build', (browser) => {
  const dir = SHIPPED[browser];
  const manifest = manifestOf(dir);

  test('asks for activeTab, scripting, storage, contextMenus and alarms only', () => {
    expect([...(manifest.permissions ?? [])].sort()).toEqual(ALLOWED_PERMISSIONS);
  });

  test('has no host access granted at install; optional host patterns only for the WebDAV server', () => {
    // MV3 keeps optional hosts apart; MV2 (Firefox) lists them in optional_permissions.
    const optional =
      manifest.manifest_version === 2 ? manifest.optional_permissions : manifest.optional_host_permissions;
    expect(optional).toEqual(OPTIONAL_HOSTS);
    expect(manifest).not.toHaveProperty(
      manifest.manifest_version === 2 ? 'optional_host_permissions' : 'optional_permissions',
    );
    // MV3 keeps hosts apart; MV2 (Firefox) would list them in `permissions`, checked above.
    for (const key of [
      'host_permissions',
      'content_scripts', // static content scripts imply access to the pages they match
      'externally_connectable',
      'web_accessible_resources',
    ]) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  test('is localized, with the popup and the content script where the code expects them', () => {
    expect(manifest).toMatchObject({
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
    });
    const action = (manifest.manifest_version === 2 ? manifest.browser_action : manifest.action) as Record<
      string,
      string
    >;
    expect(action).toEqual({ default_title: '__MSG_actionTitle__', default_popup: 'popup.html' });
    const files = filesOf(dir);
    expect(files).toContain(CONTENT_SCRIPT_FILE.slice(1));
    expect(files).toContain(READER_VIEW_FILE.slice(1));
    expect(files).toContain('_locales/en/messages.json');
    expect(files).toContain('_locales/fr/messages.json');
  });
});

describe.each(BROWSERS)('the E2E %s build', (browser) => {
  test('is the shipped build plus host access to 127.0.0.1, nothing else', () => {
    const shipped = manifestOf(SHIPPED[browser]);
    const e2e = manifestOf(E2E_BUILD[browser]);
    if (e2e.manifest_version === 2) {
      expect(e2e).toEqual({ ...shipped, permissions: [...(shipped.permissions ?? []), 'http://127.0.0.1/*'] });
    } else {
      expect(e2e).toEqual({ ...shipped, host_permissions: ['http://127.0.0.1/*'] });
    }
    // Same code, byte for byte: the browser tests exercise what ships.
    const files = filesOf(SHIPPED[browser]);
    expect(filesOf(E2E_BUILD[browser])).toEqual(files);
    for (const file of files.filter((f) => f !== 'manifest.json')) {
      expect(
        readFileSync(join(E2E_BUILD[browser], file)).equals(readFileSync(join(SHIPPED[browser], file))),
        file,
      ).toBe(true);
    }
  });
});

describe('the locales', () => {
  type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  const en = readJson<Messages>(join(SHIPPED.chrome, '_locales/en/messages.json'));
  const fr = readJson<Messages>(join(SHIPPED.chrome, '_locales/fr/messages.json'));

  test('French has every English message, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      const frEntry = fr[key]!;
      expect(frEntry.message.trim(), key).not.toBe('');
      expect(frEntry.placeholders, key).toEqual(entry.placeholders);
      for (const name of Object.keys(entry.placeholders ?? {})) {
        expect(frEntry.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  test('every __MSG_…__ of the manifests exists', () => {
    for (const browser of BROWSERS) {
      const used = JSON.stringify(manifestOf(SHIPPED[browser])).match(/__MSG_(\w+)__/g) ?? [];
      for (const ref of used) expect(en, ref).toHaveProperty(ref.slice(6, -2));
    }
  });
});

describe('web-ext lint (the checks addons.mozilla.org runs)', () => {
  // Each innerHTML assignment it flags must be one of these library lines, on HTML that is sanitized or the
  // page's own: Preact rendering dangerouslySetInnerHTML (the sanitized article), DOMPurify parsing what it
  // sanitizes, and Readability re-parsing its copy of the page (its retry pass and its noscript images).
  const EXPLAINED = [
    /__html==\w+\.innerHTML\)\|\|\(\w+\.innerHTML=\w+\.__html\)/, // Preact
    /documentElement\.innerHTML=\w+\?\w+:\w+/, // DOMPurify
    /pe=!1,\w+\.innerHTML=\w+/, // Readability, retrying on its cached page
    /\w+\.innerHTML=\w+\.innerHTML/, // Readability, unwrapping <noscript> images
  ];

  test('the Firefox build: no errors, and only the explained warnings', async () => {
    type Message = { code: string; file?: string; line?: number; column?: number; message: string };
    const { default: webExt } = await import('web-ext');
    const report = (await webExt.cmd.lint(
      { sourceDir: SHIPPED.firefox, output: 'none', artifactsDir: '/tmp/clear-reader-web-ext' },
      { shouldExitProgram: false },
    )) as { errors: Message[]; warnings: Message[]; notices: Message[] };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    for (const warning of report.warnings) {
      expect(warning.code, warning.message).toBe('UNSAFE_VAR_ASSIGNMENT');
      const line =
        readFileSync(join(SHIPPED.firefox, warning.file ?? ''), 'utf8').split('\n')[(warning.line ?? 1) - 1] ?? '';
      const around = line.slice(Math.max(0, (warning.column ?? 0) - 120), (warning.column ?? 0) + 80);
      expect(
        EXPLAINED.some((pattern) => pattern.test(around)),
        `${warning.file}:${warning.line}:${warning.column} ${around}`,
      ).toBe(true);
    }
  });
});
