// The Firefox driver: Debian's firefox-esr through puppeteer-core over WebDriver BiDi, the E2E build (MV2)
// installed as a temporary add-on.
//
// What BiDi does not offer, and how the driver makes up for it:
// - No handle on the background page: a tab of the extension's own (reader.html, which shows "no copy" and does
//   nothing else) runs the code meant for the extension's context, reaching the background page through
//   runtime.getBackgroundPage().
// - A navigation to a moz-extension:// page may never resolve, and `page.url()` does not follow it: such pages are
//   loaded without awaiting, then the document is asked where it is. Evaluations may fail while a tab is between
//   two documents, so waits poll from Node and ask again.
// - The popup reads the active tab of its window, so it lives in a background tab there; Firefox clamps background
//   timers to one second (a second per Preact effect round): the clamping is turned off.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { E2E_BUILD, FIREFOX, GECKO_ID } from '../../e2e/paths.ts';
import { expressionFor, pageWorldExpression, poll, runCommand } from './expression.ts';
import { pressChord } from './keys.ts';
import { inViewOps, viewPart } from './view.ts';
import type { Driver, ExtensionContext, LaunchOptions, RealPopup, SeenRequest, Tab, WaitOptions } from './types.ts';
import { animationsSettled } from './settled.ts';

/** What the driver calls that the shared ExtensionApi type leaves out. */
interface PopupApi {
  browserAction: { openPopup(): Promise<void> };
}

/** `role=button[name="Save"]` in puppeteer's ARIA syntax; other selectors as they are (`>>>` is puppeteer's). */
function translate(selector: string): string {
  const role = /^role=(\w+)(?:\[name="(.*)"\])?$/.exec(selector);
  if (!role) return selector;
  return role[2] === undefined ? `::-p-aria([role="${role[1]}"])` : `::-p-aria([name="${role[2]}"][role="${role[1]}"])`;
}

/** A UUID fixed by the profile folder, so that a restarted browser gives the extension the same origin. */
function uuidFor(profile: string | undefined): string {
  if (!profile) return randomUUID();
  const hex = createHash('sha256').update(profile).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class FirefoxTab implements Tab {
  constructor(
    readonly driver: FirefoxDriver,
    readonly page: Page,
  ) {}

  #wait<R>(probe: () => Promise<R>, what: string, timeout?: number) {
    return poll(probe, what, timeout ?? this.driver.timeout);
  }

  /** The first element `selector` matches, once there is one. */
  #element(selector: string, timeout?: number): Promise<ElementHandle> {
    return this.#wait(() => this.page.$(translate(selector)), `no ${selector}`, timeout);
  }

  #all<R>(selector: string, fn: (elements: HTMLElement[], arg: string) => R, arg = ''): Promise<R> {
    return this.page.$$eval(translate(selector), fn as never, arg);
  }

  async url() {
    return this.page.evaluate(() => location.href).catch(() => this.page.url());
  }
  title = () => this.page.evaluate(() => document.title);

  async goto(
    url: string,
    { timeout, idle = false, start = false }: WaitOptions & { idle?: boolean; start?: boolean } = {},
  ) {
    if (url.startsWith(this.driver.origin)) return this.#showExtensionPage(url, timeout);
    const loaded = this.page.goto(url, { waitUntil: idle ? 'networkidle0' : 'load', timeout: timeout ?? 60_000 });
    if (start) return void loaded.catch(() => undefined);
    await loaded;
  }

  /**
   * Loads an extension page: from an extension page the page navigates itself, otherwise puppeteer starts the
   * navigation (without awaiting it). The old document is marked first, so that the wait ends in the new one.
   */
  async #showExtensionPage(url: string, timeout?: number, reload = false) {
    const navigated = await this.page
      .evaluate(
        (origin, next, reload) => {
          (window as { __stale?: boolean }).__stale = true;
          if (!location.href.startsWith(origin)) return false;
          if (reload) location.reload();
          else location.href = next;
          return true;
        },
        this.driver.origin,
        url,
        reload,
      )
      .catch(() => false);
    if (!navigated) this.page.goto(url).catch(() => undefined);
    await this.#wait(
      () =>
        this.page.evaluate(
          (url) =>
            !(window as { __stale?: boolean }).__stale && location.href === url && document.readyState !== 'loading',
          url,
        ),
      `loading ${url}`,
      timeout ?? 20_000,
    );
  }

  async reload() {
    const url = await this.url();
    if (url.startsWith(this.driver.origin)) await this.#showExtensionPage(url, undefined, true);
    else await this.page.reload();
  }
  bringToFront = () => this.page.bringToFront();
  async close() {
    if (!this.page.isClosed()) await this.page.close({ runBeforeUnload: false });
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as never, arg);
  }
  evaluateExpression<R>(expression: string): Promise<R> {
    return this.page.evaluate(expression) as Promise<R>;
  }

  async waitFor(
    selector: string,
    { timeout, state = 'attached' }: WaitOptions & { state?: 'attached' | 'detached' } = {},
  ) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.waitFor(this, inner, state === 'attached', timeout ?? this.driver.timeout);
    await this.#wait(
      async () => {
        const handle = await this.page.$(translate(selector));
        await handle?.dispose();
        return state === 'attached' ? !!handle : !handle;
      },
      `${selector} ${state === 'attached' ? 'never came' : 'never went'}`,
      timeout,
    );
  }
  waitUntil<A, R>(fn: (arg: A) => R, arg: A, { timeout }: WaitOptions = {}): Promise<NonNullable<R>> {
    return this.#wait(() => this.evaluate(fn, arg), `waiting for ${fn.toString().slice(0, 80)}`, timeout);
  }

  count(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.count(this, inner) : this.#all(selector, (els) => els.length);
  }
  text(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.text(this, inner) : this.#all(selector, (els) => els[0]?.innerText ?? '');
  }
  texts(selector: string) {
    const inner = viewPart(selector);
    return inner !== null ? inViewOps.texts(this, inner) : this.#all(selector, (els) => els.map((el) => el.innerText));
  }
  attribute(selector: string, name: string) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.attribute(this, inner, name);
    return this.#all(selector, (els, name) => els[0]?.getAttribute(name) ?? null, name);
  }
  // As Playwright defines it: a non-empty box, and not visibility: hidden.
  isVisible(selector: string) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.isVisible(this, inner);
    return this.#all(selector, (els) => {
      const el = els[0];
      if (!el) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
  }
  style(selector: string, property: string) {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.style(this, inner, property);
    return this.#all(selector, (els, property) => getComputedStyle(els[0]!).getPropertyValue(property), property);
  }

  async click(selector: string): Promise<void> {
    const inner = viewPart(selector);
    if (inner !== null) return inViewOps.click(this, inner, this.driver.timeout, this.clickAt);
    const element = await this.#element(selector);
    await element.click();
    await element.dispose();
  }
  clickAt = (x: number, y: number) => this.page.mouse.click(x, y);
  async fill(selector: string, text: string) {
    const element = await this.#element(selector);
    await element.evaluate((el) => {
      (el as HTMLInputElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    if (text) await element.type(text);
    await element.dispose();
  }
  press = (key: string) => pressChord(this.page.keyboard, key);
  wheel = (deltaY: number) => this.page.mouse.wheel({ deltaY });
  async chooseFile(selector: string, path: string) {
    const input = (await this.#element(selector)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await input.dispose();
  }
  async download(selector: string) {
    const dir = this.driver.downloads;
    const before = new Set(readdirSync(dir));
    await this.click(selector);
    // Firefox may create `<name>` empty, writes `<name>.part`, then moves it over `<name>`: done once a new file
    // has content and no download is in progress (no .part file left).
    const name = await this.#wait(
      () => {
        const files = readdirSync(dir);
        if (files.some((f) => f.endsWith('.part'))) return Promise.resolve(undefined);
        const done = files.filter((f) => !before.has(f) && statSync(join(dir, f)).size > 0);
        return Promise.resolve(done[0]);
      },
      `a download from ${selector}`,
      20_000,
    );
    return join(dir, name);
  }
  async beforeEachDocument(fn: () => void) {
    await this.page.evaluateOnNewDocument(fn);
  }

  async screenshot(path: string) {
    await this.waitUntil(animationsSettled, null);
    await this.page.screenshot({ path });
  }
  setViewport = (width: number, height: number) => this.page.setViewport({ width, height });
}

class FirefoxDriver implements Driver {
  readonly name = 'firefox';
  readonly #tabs = new Map<Page, FirefoxTab>();
  readonly #requestListeners: ((request: SeenRequest) => void)[] = [];
  readonly #errorListeners: ((message: string) => void)[] = [];
  pageTab!: Tab;
  /** The extension's own tab that runs `inExtension` code (see the top of the file). */
  backstage!: FirefoxTab;

  constructor(
    readonly browser: Browser,
    readonly origin: string,
    readonly downloads: string,
    readonly timeout: number,
    readonly cleanUp: () => void,
  ) {}

  tabOf(page: Page): FirefoxTab {
    let tab = this.#tabs.get(page);
    if (tab) return tab;
    tab = new FirefoxTab(this, page);
    this.#tabs.set(page, tab);
    const seen = tab;
    page.on('request', (request) => {
      const seenRequest = { url: request.url(), method: request.method(), type: null, tab: seen };
      for (const listener of this.#requestListeners) listener(seenRequest);
    });
    const report = (message: string) => {
      if (page.url().startsWith(this.origin) || page.url() === 'about:blank') {
        for (const listener of this.#errorListeners) listener(message);
      }
    };
    page.on('pageerror', (error) => report(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') report(`console: ${message.text()}`);
    });
    return tab;
  }

  async newTab() {
    return this.tabOf(await this.browser.newPage());
  }
  async openExtensionPage(path: string, tab?: Tab) {
    const target = (tab as FirefoxTab | undefined) ?? (await this.newTab());
    if (!tab) await this.pageTab.bringToFront(); // a new page opens in front: hand the front back
    await target.goto(`${this.origin}/${path}`);
    return target;
  }
  async nextTab(action: () => Promise<void>) {
    const created = new Promise<Page>((resolve) =>
      this.browser.once('targetcreated', (target: { page(): Promise<Page | null> }) => {
        void target.page().then((page) => page && resolve(page));
      }),
    );
    await action();
    return this.tabOf(await created);
  }
  inExtension<A, R>(fn: (context: ExtensionContext, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const context = '({ api: browser, background: await browser.runtime.getBackgroundPage() })';
    return this.backstage.evaluateExpression<R>(expressionFor(fn, arg, context));
  }
  async inPageWorld<A, R>(tab: Tab, fn: ((arg: A) => R | Promise<R>) | string, arg: A): Promise<R> {
    return this.backstage.evaluateExpression<R>(pageWorldExpression('browser', await tab.url(), fn, arg));
  }
  async command(name: string, url: string) {
    await this.inExtension(runCommand, { name, url });
  }
  async openRealPopup(): Promise<RealPopup> {
    await this.pageTab.bringToFront();
    // Launched with extensions.openPopupWithoutUserGesture.enabled; the popup's window is reached through
    // extension.getViews() from the extension's own tab (BiDi does not list it).
    await this.inExtension(({ api }) => (api as unknown as PopupApi).browserAction.openPopup(), null);
    const inPopup = (expression: string) =>
      `(async () => { const [popup] = browser.extension.getViews({ type: 'popup' });
        if (!popup) throw new Error('no popup open');
        return JSON.stringify(await popup.eval(${JSON.stringify(expression)})); })()`;
    await poll(
      () => this.backstage.evaluateExpression<number>(`browser.extension.getViews({ type: 'popup' }).length`),
      'the real popup',
      this.timeout,
    );
    return {
      evaluate: async <R>(expression: string) =>
        JSON.parse((await this.backstage.evaluateExpression<string | undefined>(inPopup(expression))) ?? 'null') as R,
      close: async () => {
        await this.backstage.evaluateExpression(`browser.extension.getViews({ type: 'popup' })[0]?.close()`);
        await poll(
          async () =>
            (await this.backstage.evaluateExpression<number>(
              `browser.extension.getViews({ type: 'popup' }).length`,
            )) === 0,
          'the popup to close',
          this.timeout,
        );
      },
    };
  }
  onRequest(listener: (request: SeenRequest) => void) {
    this.#requestListeners.push(listener);
  }
  onExtensionError(listener: (message: string) => void) {
    this.#errorListeners.push(listener);
  }
  async close() {
    await this.browser.close();
    this.cleanUp();
  }
}

export async function launchFirefoxDriver({
  profile,
  proxy,
  timeout = 10_000,
  display,
  locale,
}: LaunchOptions = {}): Promise<Driver> {
  const uuid = uuidFor(profile);
  const downloads = mkdtempSync(join(tmpdir(), 'clear-reader-downloads-'));
  const proxyPrefs = proxy
    ? {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true, // loopback through the proxy too
      }
    : {};
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: !display,
    ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
    args: ['--remote-allow-system-access'], // lets BiDi open moz-extension:// pages
    ...(profile ? { userDataDir: profile } : {}),
    extraPrefsFirefox: {
      // The extension's internal UUID, pinned so that we know its pages' address.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // A temporary add-on is removed when the browser closes: keep its data for a restart on the same profile.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // No timer clamping in background tabs (see the top of the file).
      'dom.min_background_timeout_value': 0,
      'dom.min_background_timeout_value_without_budget_throttling': 0,
      'dom.timeout.enable_budget_timer_throttling': false,
      // Downloads go straight into a folder of the test's.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      // The real popup opened by the tests (openRealPopup), as the reader's click would.
      'extensions.openPopupWithoutUserGesture.enabled': true,
      ...proxyPrefs,
      // The interface language; a language other than English comes from Debian's pack, an app-scope add-on.
      ...(locale ? { 'intl.locale.requested': locale, 'extensions.autoDisableScopes': 0 } : {}),
    },
  });
  const id = await browser.installExtension(E2E_BUILD.firefox);
  if (id !== GECKO_ID) throw new Error(`the extension was installed as ${id}, not ${GECKO_ID}`);
  const driver = new FirefoxDriver(browser, `moz-extension://${uuid}`, downloads, timeout, () =>
    rmSync(downloads, { recursive: true, force: true }),
  );
  driver.pageTab = driver.tabOf((await browser.pages())[0] ?? (await browser.newPage()));
  driver.backstage = await driver.openExtensionPage('reader.html');
  return driver;
}
