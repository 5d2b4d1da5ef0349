// The Chromium driver: Debian's chromium through playwright-core, the E2E build loaded unpacked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, E2E_BUILD } from '../../e2e/paths.ts';
import { expressionFor, pageWorldExpression, poll, runCommand } from './expression.ts';
import { inViewOps, viewPart } from './view.ts';
import type { Driver, ExtensionContext, LaunchOptions, RealPopup, SeenRequest, Tab, WaitOptions } from './types.ts';
import { animationsSettled } from './settled.ts';

/** The browser's own background traffic off, so that what the tests see is the extension's. */
const QUIET_BROWSER = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Speech synthesis through speech-dispatcher (Listen): without it Chromium on Linux lists no voice at all.
  '--enable-speech-dispatcher',
];

export interface ChromiumLaunch {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  /** `chrome-extension://<id>` */
  origin: string;
}

/**
 * Launches Chromium on the profile folder `profile` with the E2E build loaded: headless unless `headful` (then
 * under the X display of `env`). The raw launch, for the one scenario that needs a real window (shortcut.e2e.ts).
 */
export async function launchChromium(
  profile: string,
  { args = [], headful = false, env }: { args?: string[]; headful?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ChromiumLaunch> {
  const dir = E2E_BUILD.chrome;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: !headful,
    ...(env ? { env } : {}),
    // Without --disable-extensions-except, Playwright's own --disable-extensions wins.
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...QUIET_BROWSER, ...args],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, origin: `chrome-extension://${new URL(worker.url()).host}` };
}

/** Playwright's CSS pierces open shadow roots by itself: `a >>> b` is `a b` there (the view's is closed: ./view.ts). */
const css = (selector: string) => selector.replaceAll(' >>> ', ' ');

class ChromiumTab implements Tab {
  #cdp: CDPSession | null = null;

  constructor(
    readonly driver: ChromiumDriver,
    readonly page: Page,
  ) {}

  #first(selector: string) {
    return this.page.locator(css(selector)).first();
  }

  url = () => Promise.resolve(this.page.url());
  title = () => this.page.title();
  async goto(
    url: string,
    { timeout, idle = false, start = false }: WaitOptions & { idle?: boolean; start?: boolean } = {},
  ) {
    const loaded = this.page.goto(url, { waitUntil: idle ? 'networkidle' : 'load', timeout: timeout ?? 60_000 });
    if (start) return void loaded.catch(() => undefined);
    await loaded;
  }
  async reload() {
    await this.page.reload();
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    if (!this.page.isClosed()) await this.page.close({ runBeforeUnload: false });
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate<R, A>(fn as never, arg);
  }
  // Raw DevTools, not page.evaluate: a tampering page breaks the built-ins Playwright's page-side code uses.
  async evaluateExpression<R>(expression: string): Promise<R> {
    this.#cdp ??= await this.page.context().newCDPSession(this.page);
    const { result, exceptionDetails } = await this.#cdp.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) {
      throw new Error(
        `${expression.slice(0, 200)}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    }
    return result.value as R;
  }

  async waitFor(
    selector: string,
    { timeout, state = 'attached' }: WaitOptions & { state?: 'attached' | 'detached' } = {},
  ) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.waitFor(this, inner, state === 'attached', timeout ?? this.driver.timeout);
    await this.#first(selector).waitFor({ state, timeout });
  }
  // Polled from Node: in-page polling runs on the page's timers, which a background tab slows down.
  waitUntil<A, R>(fn: (arg: A) => R, arg: A, { timeout }: WaitOptions = {}): Promise<NonNullable<R>> {
    return poll(
      () => this.evaluate(fn, arg),
      `waiting for ${fn.toString().slice(0, 80)}`,
      timeout ?? this.driver.timeout,
    );
  }

  count(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.count(this, inner) : this.page.locator(css(selector)).count();
  }
  async text(selector: string) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.text(this, inner);
    return (await this.count(selector)) ? this.#first(selector).innerText() : '';
  }
  texts(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.texts(this, inner) : this.page.locator(css(selector)).allInnerTexts();
  }
  attribute(selector: string, name: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.attribute(this, inner, name) : this.#first(selector).getAttribute(name);
  }
  isVisible(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.isVisible(this, inner) : this.#first(selector).isVisible();
  }
  style(selector: string, property: string) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.style(this, inner, property);
    return this.#first(selector).evaluate((el, property) => getComputedStyle(el).getPropertyValue(property), property);
  }

  click(selector: string): Promise<void> {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.click(this, inner, this.driver.timeout, this.clickAt);
    return this.#first(selector).click();
  }
  clickAt = (x: number, y: number) => this.page.mouse.click(x, y);
  fill = (selector: string, text: string) => this.#first(selector).fill(text);
  press = (key: string) => this.page.keyboard.press(key);
  wheel = (deltaY: number) => this.page.mouse.wheel(0, deltaY);
  chooseFile = (selector: string, path: string) => this.#first(selector).setInputFiles(path);
  async download(selector: string) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.click(selector)]);
    return download.path();
  }
  async beforeEachDocument(fn: () => void) {
    await this.page.addInitScript(fn);
  }

  async screenshot(path: string) {
    await this.waitUntil(animationsSettled, null);
    await this.page.screenshot({ path });
  }
  setViewport = (width: number, height: number) => this.page.setViewportSize({ width, height });

  emulatePrint = (on: boolean) => this.page.emulateMedia({ media: on ? 'print' : 'screen' });
  async setPageScripts(enabled: boolean) {
    this.#cdp ??= await this.page.context().newCDPSession(this.page);
    await this.#cdp.send('Emulation.setScriptExecutionDisabled', { value: !enabled });
  }
  async answerForServers(hosts: Set<string>, quiet: () => boolean) {
    await this.page.route(
      (url) => hosts.has(url.host),
      (route) => (quiet() ? route.fulfill({ status: 204 }) : route.continue()),
    );
  }
}

/** A DevTools protocol answer to Runtime.evaluate, relayed from another target. */
interface CdpAnswer {
  result?: { result: { value: unknown } };
  error?: unknown;
}

class ChromiumDriver implements Driver {
  readonly name = 'chromium';
  readonly #tabs = new Map<Page, ChromiumTab>();
  pageTab!: Tab;

  constructor(
    readonly launched: ChromiumLaunch,
    readonly origin: string,
    readonly timeout: number,
    readonly cleanUp: () => void,
  ) {}

  tabOf(page: Page): ChromiumTab {
    let tab = this.#tabs.get(page);
    if (!tab) this.#tabs.set(page, (tab = new ChromiumTab(this, page)));
    return tab;
  }

  async newTab() {
    return this.tabOf(await this.launched.context.newPage());
  }
  async openExtensionPage(path: string, tab?: Tab) {
    const target = (tab as ChromiumTab | undefined) ?? (await this.newTab());
    if (!tab) await this.pageTab.bringToFront(); // a new page opens in front: hand the front back
    await target.page.goto(`${this.origin}/${path}`);
    return target;
  }
  async nextTab(action: () => Promise<void>) {
    const [page] = await Promise.all([this.launched.context.waitForEvent('page'), action()]);
    return this.tabOf(page);
  }
  inExtension<A, R>(fn: (context: ExtensionContext, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.launched.worker.evaluate(expressionFor(fn, arg, '({ api: chrome, background: globalThis })'));
  }
  async inPageWorld<A, R>(tab: Tab, fn: ((arg: A) => R | Promise<R>) | string, arg: A): Promise<R> {
    return this.launched.worker.evaluate<R>(pageWorldExpression('chrome', await tab.url(), fn, arg));
  }
  async command(name: string, url: string) {
    await this.inExtension(runCommand, { name, url });
  }
  async openRealPopup(): Promise<RealPopup> {
    await this.pageTab.bringToFront();
    await this.inExtension(
      ({ api }) => (api as unknown as { action: { openPopup(): Promise<void> } }).action.openPopup(),
      null,
    );
    // Playwright does not list the popup among the pages: reach it through DevTools' Target domain, from a
    // session on the page tab, with messages relayed to the popup's target.
    const cdp = await this.launched.context.newCDPSession((this.pageTab as ChromiumTab).page);
    const popupUrl = `${this.origin}/popup.html`;
    const targetId = await poll(
      async () => {
        const { targetInfos } = await cdp.send('Target.getTargets');
        return targetInfos.find((target) => target.url === popupUrl)?.targetId;
      },
      'the real popup',
      this.timeout,
    );
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    let nextId = 1;
    const answers = new Map<number, (message: CdpAnswer) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as CdpAnswer & { id?: number };
      if (message.id !== undefined) answers.get(message.id)?.(message);
    });
    const evaluate = async <R>(expression: string): Promise<R> => {
      const id = nextId++;
      const answer = new Promise<CdpAnswer>((resolve) => answers.set(id, resolve));
      const params = { expression, returnByValue: true, awaitPromise: true };
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params }),
      });
      const { result, error } = await answer;
      if (!result) throw new Error(`in the popup: ${JSON.stringify(error)}`);
      return result.result.value as R;
    };
    return {
      evaluate,
      close: async () => {
        await cdp.send('Target.closeTarget', { targetId });
        await poll(
          async () => {
            const { targetInfos } = await cdp.send('Target.getTargets');
            return !targetInfos.some((target) => target.targetId === targetId);
          },
          'the popup to close',
          this.timeout,
        );
        await cdp.detach();
      },
    };
  }
  onRequest(listener: (request: SeenRequest) => void) {
    this.launched.context.on('request', (request) => {
      const worker = request.serviceWorker();
      listener({
        url: request.url(),
        method: request.method(),
        type: request.resourceType(),
        tab: worker ? null : this.tabOf(request.frame().page()),
      });
    });
  }
  onExtensionError(listener: (message: string) => void) {
    const context = this.launched.context;
    // The extension's pages and its service worker (the test pages' own 404s, such as a favicon, are not ours).
    const ours = (url: string | undefined) => !url || url.startsWith(this.origin);
    context.on('weberror', (error) => {
      if (ours(error.page()?.url())) listener(`uncaught: ${error.error().message}`);
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && ours(message.page()?.url())) listener(`console: ${message.text()}`);
    });
  }
  async close() {
    await this.launched.context.close();
    this.cleanUp();
  }
}

export async function launchChromiumDriver({
  profile,
  proxy,
  timeout = 10_000,
  display,
  locale,
}: LaunchOptions = {}): Promise<Driver> {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'clear-reader-chromium-'));
  const args = proxy
    ? [
        `--proxy-server=http://127.0.0.1:${proxy.port}`,
        '--proxy-bypass-list=<-loopback>', // loopback through the proxy too: nothing goes unrecorded
        // More of the browser's own background traffic off, so that the proxy's log is the extension's.
        '--disable-domain-reliability',
        '--disable-client-side-phishing-detection',
        '--no-pings',
        '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication',
      ]
    : [];
  // Chromium on Linux takes its interface language from the environment (--lang alone is ignored there).
  if (locale) args.push(`--lang=${locale}`);
  const env =
    display || locale
      ? { ...process.env, ...(display ? { DISPLAY: display } : {}), ...(locale ? { LANGUAGE: locale } : {}) }
      : undefined;
  const launched = await launchChromium(dir, { args, headful: !!display, env });
  launched.context.setDefaultTimeout(timeout);
  const driver = new ChromiumDriver(launched, launched.origin, timeout, () => {
    if (!profile) rmSync(dir, { recursive: true, force: true });
  });
  driver.pageTab = driver.tabOf(launched.context.pages()[0] ?? (await launched.context.newPage()));
  return driver;
}
