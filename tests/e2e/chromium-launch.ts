// Chromium with the E2E build of the extension loaded: the one launch every Chromium suite shares.
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM, E2E_BUILD } from './paths.ts';

export interface LaunchedChromium {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  /** `chrome-extension://<id>`, the origin of the extension's pages. */
  base: string;
}

/** Launches headless Chromium on the profile folder `profile`, the browser's own background traffic off. */
export async function launchChromium(profile: string, extraArgs: string[] = []): Promise<LaunchedChromium> {
  const dir = E2E_BUILD.chrome;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${dir}`, // without it, Playwright's own --disable-extensions wins
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, base: `chrome-extension://${new URL(worker.url()).host}` };
}
