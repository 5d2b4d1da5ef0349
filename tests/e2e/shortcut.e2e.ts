// The keyboard shortcut as the reader presses it: an X11 key -> Chromium -> commands.onCommand -> the in-page view.
// Automation key events (CDP, page.keyboard) never reach commands.onCommand, so the other files call the handler
// directly; this file closes that gap with headful Chromium on its own Xvfb display, keys typed by xdotool.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../support/driver/index.ts';
import { expressionFor } from '../support/driver/expression.ts';
import { awaitToast, toastIn } from './scenarios/save-feedback.ts';
import { SEED_PARAGRAPHS } from './expectations.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

const XVFB = '/usr/bin/Xvfb';
const XDOTOOL = '/usr/bin/xdotool';
const VIEW = 'clear-reader-view';

let xvfb: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;
let server: TestServer;
let context: BrowserContext;
let worker: Worker;
let userDataDir: string;
let page: Page;

/** Starts Xvfb on a free display; resolves with the display once it accepts connections. */
async function startXvfb(): Promise<string> {
  // -displayfd: Xvfb picks a free display itself and writes its number once it is ready: no guessing, no race
  // with another X server, no polling for the socket.
  const child = spawn(XVFB, ['-displayfd', '1', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  xvfb = child;
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(`:${stdout.trim()}`);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}:\n${stderr}`)));
  });
}

function xdotool(...args: string[]): string {
  return execFileSync(XDOTOOL, args, { env, encoding: 'utf8', timeout: 10_000 }).trim();
}

/** Types keys through the X server (XTEST), as a keyboard does, into the window that has the input focus. */
function press(keys: string): void {
  xdotool('key', '--clearmodifiers', keys);
}

beforeAll(async () => {
  const missing = [XVFB, XDOTOOL].filter((tool) => !existsSync(tool));
  if (missing.length) {
    throw new Error(
      `${missing.join(' and ')} not found: the real key press needs them (apt-get install -y xvfb xdotool)`,
    );
  }
  env = { ...process.env, DISPLAY: await startXvfb() };
  server = await startServer();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-shortcut-'));
  // Headful: a headless browser has no X window to type into.
  ({ context, worker } = await launchChromium(userDataDir, { headful: true, env }));
  context.setDefaultTimeout(10_000);
  page = context.pages()[0] ?? (await context.newPage());
  // Xvfb runs no window manager, so `windowactivate` fails (no _NET_ACTIVE_WINDOW): `windowfocus` sets the X input
  // focus directly. Only the browser window is visible; should there be more, the newest is last.
  const browserWindow = xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium').split('\n').at(-1);
  xdotool('windowfocus', '--sync', browserWindow ?? '');
  // Open the article as a reader does, from the address bar: Chromium then moves the keyboard focus into the page.
  // After page.goto it stays in the address bar, which then swallows the first Escape.
  const url = server.url(PATHS.article);
  press('ctrl+l');
  xdotool('type', '--delay', '20', url);
  press('Return');
  await page.waitForURL(url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  xvfb?.kill();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('a real key press: Alt+Shift+Y opens and closes the in-page clean view (headful Chromium under Xvfb, xdotool)', async () => {
  const view = page.locator(VIEW);

  press('alt+shift+y');
  await page.locator(`${VIEW} main[data-state="article"]`).waitFor();
  expect(await page.locator(`${VIEW} .title`).innerText()).toBe(
    'Visite officielle de Abdellatif Hammouchi en France pour la sécurité bilatérale',
  );
  const paragraphs = (await page.locator(`${VIEW} .content p`).allInnerTexts()).map((p) => p.trim()).filter(Boolean);
  expect(paragraphs).toHaveLength(SEED_PARAGRAPHS.length);
  SEED_PARAGRAPHS.forEach((start, i) => expect(paragraphs[i]).toContain(start));

  // The same key toggles it off.
  press('alt+shift+y');
  await view.waitFor({ state: 'detached' });

  // Reopened, Escape closes it.
  press('alt+shift+y');
  await page.locator(`${VIEW} main[data-state="article"]`).waitFor();
  press('Escape');
  await view.waitFor({ state: 'detached' });
});

test('a real key press: Alt+Shift+S saves the page and says so in the page itself (a role=status toast) and on the badge', async () => {
  const context = '({ api: chrome, background: globalThis })';
  press('alt+shift+s');
  const seen = await awaitToast(() => worker.evaluate(expressionFor(toastIn, page.url(), context)));
  expect(seen.toast).toMatchObject({ role: 'status', tag: 'div' });
  expect(seen.toast.text).toContain('Visite officielle de Abdellatif Hammouchi');
  expect(seen.badge).toBe('✓');
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true); // it took no focus
});
