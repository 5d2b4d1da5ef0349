// What an end-to-end scenario does to a browser, the same way in Chromium (playwright-core) and Firefox
// (puppeteer-core over WebDriver BiDi). A scenario is written once against these interfaces and run over both
// drivers (see ./index.ts); what one browser cannot do is an optional member, and the scenario says why it skips.
//
// Selectors are CSS, plus two forms both drivers understand:
//   `clear-reader-view`, `clear-reader-view >>> inner`: the in-page view (its host, and `inner` inside its closed
//                                        shadow root), read from the extension's world of the page (./view.ts);
//   `role=button[name="Save for later"]` an element by its ARIA role and accessible name (as a reader finds it).

export type BrowserName = 'chromium' | 'firefox';

export interface WaitOptions {
  /** Milliseconds; each driver has a default of 10 s (20 s for what waits on a page load). */
  timeout?: number;
}

export interface Tab {
  readonly driver: Driver;
  /** The document's address (asked of the page: Firefox does not report moz-extension:// navigations). */
  url(): Promise<string>;
  title(): Promise<string>;
  /**
   * Loads `url` in this tab and waits for its load event (`idle`: until the network is quiet too; `start`: only
   * starts the navigation, for pages that load slowly or never: wait on a condition after).
   */
  goto(url: string, options?: WaitOptions & { idle?: boolean; start?: boolean }): Promise<void>;
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;

  /** `fn(arg)` in the page (serialized: no closures). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * An expression's value in the page's own world, awaited and returned by value, whatever the page did to its
   * built-ins and whatever its CSP says (the way DevTools evaluates).
   */
  evaluateExpression<R = unknown>(expression: string): Promise<R>;

  /** Waits until `selector` matches (default), or until it matches nothing (`detached`). */
  waitFor(selector: string, options?: WaitOptions & { state?: 'attached' | 'detached' }): Promise<void>;
  /** Waits until `fn(arg)`, run in the page, is truthy; returns it. Survives the page changing document. */
  waitUntil<A, R>(fn: (arg: A) => R, arg: A, options?: WaitOptions): Promise<NonNullable<R>>;

  count(selector: string): Promise<number>;
  /** innerText of the first match, '' when nothing matches. */
  text(selector: string): Promise<string>;
  /** innerText of every match. */
  texts(selector: string): Promise<string[]>;
  attribute(selector: string, name: string): Promise<string | null>;
  isVisible(selector: string): Promise<boolean>;
  /** The computed value of a CSS property of the first match. */
  style(selector: string, property: string): Promise<string>;

  /** A real click (the input system's, not a DOM event) on the first match, once it is there. */
  click(selector: string): Promise<void>;
  /** A real click at a point of the viewport (CSS pixels). */
  clickAt(x: number, y: number): Promise<void>;
  /** Replaces the text of a field, as typing does. */
  fill(selector: string, text: string): Promise<void>;
  /** A key press in the page (`Escape`, `Enter`…), or a chord (`Shift+ArrowRight`). */
  press(key: string): Promise<void>;
  /** Scrolls with the mouse wheel. */
  wheel(deltaY: number): Promise<void>;
  /** Chooses `path` in a file input. */
  chooseFile(selector: string, path: string): Promise<void>;
  /** Clicks `selector`, which starts a download, and returns the downloaded file's path once it is complete. */
  download(selector: string): Promise<string>;
  /** Runs `fn` at the start of every document this tab loads from now on, before the page's own scripts. */
  beforeEachDocument(fn: () => void): Promise<void>;

  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;

  /** Chromium only (DevTools' Emulation domain): WebDriver BiDi has no media emulation. */
  emulatePrint?(on: boolean): Promise<void>;
  /**
   * Chromium only (DevTools' Emulation domain): turns the page's own scripts off and on, leaving the extension's
   * isolated world alone. Firefox's BiDi has no such command; its hostile pages are served under a CSP instead.
   */
  setPageScripts?(enabled: boolean): Promise<void>;
  /** Chromium only: answers this tab's requests to `hosts` with 204 while `quiet()` holds (see hostile.e2e.ts). */
  answerForServers?(hosts: Set<string>, quiet: () => boolean): Promise<void>;
}

/** A request the browser made. */
export interface SeenRequest {
  url: string;
  method: string;
  /** "image", "document", "fetch"…; null where the driver cannot tell (Firefox over BiDi). */
  type: string | null;
  /** The tab that made it; null for the extension's background (service worker or background page). */
  tab: Tab | null;
}

/** The parts of the extension API the tests call in the extension's own context. */
export interface ExtensionApi {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  commands: {
    getAll(): Promise<{ name?: string; shortcut?: string }[]>;
    /** Firefox only. */
    update?(details: { name: string; shortcut: string }): Promise<void>;
  };
  storage: Record<'sync' | 'local', StorageArea>;
  scripting: { executeScript(injection: object): Promise<{ result?: unknown }[]> };
  /** `action` in MV3, `browserAction` in Firefox's MV2 build. */
  action?: { getBadgeText(details: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(details: { tabId: number }): Promise<string> };
}

interface StorageArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
  remove(key: string): Promise<void>;
}

/** What a function run by `Driver.inExtension` gets. */
export interface ExtensionContext {
  api: ExtensionApi;
  /** The background's global object: the service worker's, or Firefox's background page's window. */
  background: typeof globalThis & {
    clearReader: {
      handleCommand(command: string, tab: unknown): Promise<void>;
      /** platform/extract-tab.ts's extractTab: the extraction a click runs. */
      extractTab(tabId: number, options?: { force?: boolean; keepCaptions?: boolean }, url?: string): Promise<unknown>;
    };
  };
}

/** The real popup (the toolbar button's panel), open over the page tab. */
export interface RealPopup {
  /** An expression's value in the popup's document, returned by value (JSON). */
  evaluate<R>(expression: string): Promise<R>;
  /** Closes the panel, as a click elsewhere does; resolves once it is gone. */
  close(): Promise<void>;
}

export interface Driver {
  readonly name: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: the origin of the extension's pages. */
  readonly origin: string;
  /** The tab for test pages, open from the start: the active tab of its window whenever a popup opens. */
  readonly pageTab: Tab;

  /** A new tab (it may come to the front). */
  newTab(): Promise<Tab>;
  /**
   * Opens an extension page (`popup.html`, `reader.html?id=…`, `options.html`) in `tab`, or in a new tab of the
   * page tab's window, and waits until that document is there. A new tab is opened behind the page tab.
   */
  openExtensionPage(path: string, tab?: Tab): Promise<Tab>;
  /** Waits for the next tab the extension opens (the offline reader from the list, say) while `action` runs. */
  nextTab(action: () => Promise<void>): Promise<Tab>;
  /**
   * Runs `fn(arg)` in the extension's own isolated world of the page `tab` shows (where its content scripts and
   * the in-page view's controller live), through scripting.executeScript. Serialized: no closures, JSON only.
   * `fn` may also be the text of an expression (its value, awaited, is the result).
   */
  inPageWorld<A, R>(tab: Tab, fn: ((arg: A) => R | Promise<R>) | string, arg: A): Promise<R>;
  /** Runs `fn` in the extension's background context. Serialized: no closures, `arg` must be JSON. */
  inExtension<A, R>(fn: (context: ExtensionContext, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Runs the background's command handler (what a shortcut or the page menu runs) for the tab showing `url`:
   * no automation can press an extension's shortcut in a headless browser (shortcut.e2e.ts presses a real one).
   */
  command(name: string, url: string): Promise<void>;
  /**
   * Opens the real popup over the page tab (`action.openPopup()`: Chromium needs no gesture for it, Firefox is
   * launched with the pref that allows it), a foreground document, as the reader's click opens it.
   */
  openRealPopup(): Promise<RealPopup>;
  /** Calls `listener` for every request the browser makes from now on. */
  onRequest(listener: (request: SeenRequest) => void): void;
  /** Calls `listener` for every uncaught error and console error of the extension's pages. */
  onExtensionError(listener: (message: string) => void): void;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** A profile folder kept across launches (a browser restart); a fresh one is made and removed otherwise. */
  profile?: string;
  /** Every request through this HTTP proxy, loopback included. */
  proxy?: { port: number };
  /** Milliseconds a wait waits by default. */
  timeout?: number;
  /**
   * The browser's interface language (the extension follows it): Chromium through LANGUAGE and --lang (Debian's
   * chromium-l10n), Firefox through intl.locale.requested and Debian's language pack (firefox-esr-l10n-fr).
   */
  locale?: 'en' | 'fr';
  /** An X display (`:99`) to run the browser headful on, for real key presses (shortcut.e2e.ts); headless otherwise. */
  display?: string;
}

export interface DriverEntry {
  name: BrowserName;
  launch(options?: LaunchOptions): Promise<Driver>;
}
