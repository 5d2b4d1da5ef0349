// Listen, read aloud for real: speech-dispatcher's espeak-ng voices (started by the global setup, see
// ../speech-dispatcher.ts) in both browsers, in the offline reader, the in-page view and from the popup. Its audio
// goes to a null sink, so an utterance ends as soon as it is synthesized: the tests wait for the reading's end and
// then check what the engine reported (the bar's data-events) and every highlight the view set, as the CSS Custom
// Highlight API registry held it right after each set (a spy in the view's own world).
import { describe, expect, test } from 'vitest';
import type { Driver, Tab } from '../../support/driver/index.ts';
import { SEED_PARAGRAPHS, SEED_TITLE, enMessage } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { SPEECHD_PROBLEM } from '../speech-dispatcher.ts';
import { artifact, closeView, inView, openPopupOn, openViewOn, type Session } from './session.ts';

const BAR = '.listen-bar';
const ENGLISH_TITLE_START = 'Northgate';

/** Why this run has no voices (the global setup could not start speech-dispatcher), or null: voices are due. */
const noVoicesBecause = () => process.env[SPEECHD_PROBLEM] ?? null;

/**
 * In the world of the view's code: from now on, every highlight the view sets is recorded in `__listenHighlights`
 * (the text of its ranges) if the registry then holds it with that many ranges. The ranges are taken as the
 * view makes the Highlight: Firefox's content-script world cannot iterate a registry's highlights ("Xray wrapping
 * of iterators not supported"). Installed once per document; emptied after.
 */
const spyOnHighlights = () => {
  type Registry = HighlightRegistry & { set(name: string, highlight: Highlight): HighlightRegistry };
  const scope = globalThis as unknown as { __listenHighlights?: string[][]; Highlight: typeof Highlight };
  if (scope.__listenHighlights) {
    scope.__listenHighlights.length = 0;
    return true;
  }
  const seen: string[][] = [];
  scope.__listenHighlights = seen;
  const Original = scope.Highlight;
  let made: string[] = [];
  scope.Highlight = function (...ranges: AbstractRange[]) {
    made = ranges.map((range) => (range as Range).toString());
    return new Original(...ranges);
  } as unknown as typeof Highlight;
  const registry = CSS.highlights as Registry;
  const set = registry.set.bind(registry);
  registry.set = (name: string, highlight: Highlight) => {
    const result = set(name, highlight);
    if (name === 'clear-reader-listen') seen.push(registry.get(name)?.size === made.length ? made : []);
    return result;
  };
  return true;
};
/**
 * What the spy saw, whether the registry still holds Listen's highlight, and the bar's status: in the in-page
 * view's world (its closed shadow root, through the controller the extension keeps there) or an extension page.
 */
const listenProgress = () => {
  const view = (globalThis as unknown as { __clearReaderViewController?: { root: ShadowRoot } })
    .__clearReaderViewController;
  const bar = (view?.root ?? document).querySelector('.listen-bar');
  return {
    seen: (globalThis as unknown as { __listenHighlights?: string[][] }).__listenHighlights ?? [],
    left: CSS.highlights.has('clear-reader-listen'),
    status: bar?.getAttribute('data-status') ?? null,
  };
};
type Progress = ReturnType<typeof listenProgress>;
/** Runs a function of this file in the world of the view's code. */
type InViewWorld = <R>(fn: () => R) => Promise<R>;

/** Polls `progress` until `done` holds (the state lives where no selector reaches: the view's world). */
async function until(run: InViewWorld, done: (progress: Progress) => boolean, what: string): Promise<Progress> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const progress = await run(listenProgress);
    if (done(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(progress).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // between two looks at the condition
  }
}
/** The reading started again and went to its end (the spy was emptied before). */
const readAgain = (run: InViewWorld) =>
  until(run, (p) => p.seen.length > 0 && p.status === 'ended' && !p.left, 'a new reading to its end');

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The bar's events are the engine's, in order: each utterance starts, may report boundaries, and ends, before the
 * next starts (the log keeps the last 100, so it may begin mid-article). Returns the counts.
 */
function checkEvents(log: string, lastUtterance?: number): { utterances: number; boundaries: number } {
  const events = log.split(',').map((entry) => {
    const [event, at] = entry.split(' ');
    return { event: event ?? '', at: Number(at) };
  });
  const first = events.findIndex((entry) => entry.event === 'start');
  expect(first, `a start in ${log}`).toBeGreaterThanOrEqual(0);
  let current = events[first]!.at;
  let open = true;
  let utterances = 1;
  let boundaries = 0;
  for (const { event, at } of events.slice(first + 1)) {
    if (event === 'start') {
      expect(open, `"start ${at}" after "end ${current}" in ${log}`).toBe(false);
      expect(at).toBe(current + 1);
      current = at;
      open = true;
      utterances++;
    } else {
      expect([event, at, open]).toEqual([event === 'error' ? 'end' : event, current, true]);
      if (event === 'boundary') boundaries++;
      else open = false;
    }
  }
  expect(open, `the last utterance ended in ${log}`).toBe(false);
  if (lastUtterance !== undefined) expect(current).toBe(lastUtterance);
  return { utterances, boundaries };
}

/** The highlights moved sentence by sentence through the article's text, in order, and none is left at the end. */
function checkHighlights(
  { seen, left }: { seen: string[][]; left: boolean },
  articleText: string,
  firstText: string,
): void {
  expect(seen.length, 'highlights set while reading').toBeGreaterThanOrEqual(3);
  expect(seen.every((ranges) => ranges.length === 1)).toBe(true);
  const texts = seen.map((ranges) => words(ranges[0]!));
  expect(texts[0]).toBe(words(firstText));
  const text = words(articleText);
  let from = 0;
  texts.forEach((sentence, i) => {
    if (i > 0) expect(sentence, 'a new sentence each time').not.toBe(texts[i - 1]);
    const at = text.indexOf(sentence, from);
    expect(at, `"${sentence}" in the article after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + sentence.length;
  });
  expect(left, 'no highlight once read to the end').toBe(false);
}

/** Waits until the bar's status is one of `statuses` (else says where it stayed, and the engine's events). */
async function untilStatus(tab: Tab, at: (selector: string) => string, ...statuses: string[]): Promise<string> {
  try {
    await tab.waitFor(at(`${BAR}:is(${statuses.map((s) => `[data-status="${s}"]`).join(', ')})`), {
      timeout: 30_000,
    });
    return (await tab.attribute(at(BAR), 'data-status')) ?? '';
  } catch (error) {
    const status = await tab.attribute(at(BAR), 'data-status');
    const detail = await tab.attribute(at('.listen-status'), 'data-detail');
    const events = await tab.attribute(at(BAR), 'data-events');
    throw new Error(`Listen not ${statuses.join(' or ')}: status ${status}, detail ${detail}, events ${events}`, {
      cause: error,
    });
  }
}
/** Waits until the bar says the article was read to its end. */
const untilEnded = (tab: Tab, at: (selector: string) => string) => untilStatus(tab, at, 'ended');

/** What the bar reports once the reading is over: the events checked, the voice's language. */
async function barReport(tab: Tab, at: (selector: string) => string) {
  return {
    events: (await tab.attribute(at(BAR), 'data-events')) ?? '',
    voiceLang: (await tab.attribute(at(BAR), 'data-voice-lang')) ?? '',
  };
}

/** The browser lists voices for `lang` (they may come late: "voiceschanged"); asked in `tab`'s page. */
async function voicesFor(tab: Tab, lang: string): Promise<number> {
  return tab.evaluate(
    (lang) =>
      new Promise<number>((resolve) => {
        const count = () => speechSynthesis.getVoices().filter((voice) => voice.lang.startsWith(lang)).length;
        if (count()) resolve(count());
        speechSynthesis.addEventListener('voiceschanged', () => count() && resolve(count()));
        setTimeout(() => resolve(count()), 5_000); // voices never came: 0, and the test says so
      }),
    lang,
  );
}

/** Where speech-dispatcher runs, the browser must show its voices: said plainly when it does not. */
function expectVoices(driver: Driver, count: number, lang: string): void {
  expect(count, `${driver.name} exposes no ${lang} voice although speech-dispatcher lists them`).toBeGreaterThan(0);
}

/** Reads one article aloud to its end in a view, and checks the events, the voice and the highlights. */
async function readThrough(
  tab: Tab,
  at: (selector: string) => string,
  run: InViewWorld,
  { lang, title, label }: { lang: string; title: string; label: string },
): Promise<{ seen: string[][] }> {
  await run(spyOnHighlights);
  await tab.click(at('.reader-toolbar .action-listen'));
  await untilEnded(tab, at);
  const { events, voiceLang } = await barReport(tab, at);
  expect(voiceLang.toLowerCase().replace('_', '-'), 'the voice speaks the article’s language').toMatch(
    new RegExp(`^${lang}(-|$)`),
  );
  const counts = checkEvents(events);
  const progress = await run(listenProgress);
  checkHighlights(progress, `${title} ${await tab.text(at('main > article'))}`, title);
  // After the title, the article's text: not the meta line (site, reading time) nor the summary.
  const content = words(await tab.text(at('.content')));
  const second = words(progress.seen[1]![0]!);
  expect(content.startsWith(second), `"${second}" begins the text "${content.slice(0, 80)}"`).toBe(true);
  console.log(
    `[listen] ${label}: voice ${voiceLang}, ${progress.seen.length} sentences highlighted, ` +
      `${counts.utterances} utterances in the log, ${counts.boundaries} boundary events` +
      (counts.boundaries ? '' : ' (none reported: start and end only)'),
  );
  return progress;
}

/** A click on the third paragraph (a real one) reads from its first sentence. */
async function clickToRead(tab: Tab, at: (selector: string) => string, run: InViewWorld): Promise<void> {
  const paragraph = at('.content p:nth-of-type(3)');
  const text = words(await tab.text(paragraph));
  await run(spyOnHighlights);
  await tab.click(paragraph);
  const { seen } = await readAgain(run);
  expect(text.startsWith(words(seen[0]![0]!)), `"${seen[0]![0]}" begins "${text.slice(0, 80)}"`).toBe(true);
}

export function listenScenarios({ name, driver, server }: Session): void {
  describe('Listen, read aloud with the system’s voices', () => {
    test('the in-page view reads a French and an English article in their languages, sentence by sentence', async () => {
      const { pageTab: page } = driver();
      const run: InViewWorld = (fn) => driver().inPageWorld(page, fn, null);
      const problem = noVoicesBecause();
      for (const { path, lang } of [
        { path: PATHS.article, lang: 'fr' },
        { path: PATHS.english, lang: 'en' },
      ]) {
        await openViewOn(driver(), server().url(path));
        const title = await page.text(inView('.title'));
        expect(title).toEqual(lang === 'fr' ? SEED_TITLE : expect.stringContaining(ENGLISH_TITLE_START));
        if (problem) {
          console.log(`[listen] ${name}: no voices in this run (${problem}): the no-voice message is checked`);
          await page.click(inView('.reader-toolbar .action-listen'));
          await page.waitFor(inView(`${BAR}[data-status="no-voice"]`));
          await closeView(driver());
          continue;
        }
        expectVoices(driver(), await voicesFor(page, lang), lang);
        await readThrough(page, inView, run, { lang, title, label: `${name} in-page view, ${lang}` });
        await page.screenshot(artifact(driver(), `listen-in-page-view-${lang}.png`)); // the bar, read to the end
        await clickToRead(page, inView, run);
        await closeView(driver());
      }
    });

    test('the popup’s Listen opens the in-page view, which reads the article aloud', async () => {
      const { pageTab: page } = driver();
      const problem = noVoicesBecause();
      const popup = await openPopupOn(driver(), server().url(PATHS.english));
      await popup.bringToFront();
      expect(await popup.attribute('.action-listen', 'title')).toContain(enMessage('listenInViewHint'));
      await popup.click(`role=button[name="${enMessage('listenPlay')}"]`);
      await page.waitFor(inView('main[data-state="article"]'), { timeout: 20_000 });
      await page.bringToFront();
      if (problem) {
        await page.waitFor(inView(`${BAR}[data-status="no-voice"]`));
      } else {
        // Chromium lets a page speak only after a click or key in it: the bar says so and Listen has the focus.
        // Firefox reads at once.
        const blocked = (await untilStatus(page, inView, 'blocked', 'ended')) === 'blocked';
        console.log(`[listen] ${name} from the popup: ${blocked ? 'waits for a key in the page' : 'reads at once'}`);
        if (blocked) {
          expect(await page.text(inView('.listen-status'))).toBe(enMessage('listenBlocked'));
          await page.press(' ');
        }
        await untilEnded(page, inView);
        const { events, voiceLang } = await barReport(page, inView);
        expect(voiceLang).toMatch(/^en/i);
        checkEvents(events);
      }
      await closeView(driver());
      await popup.close().catch(() => undefined); // it may have closed itself
    });

    test('the offline reader reads a saved article and starts again where the reader stopped listening', async () => {
      const problem = noVoicesBecause();
      const popup = await openPopupOn(driver(), server().url(PATHS.article));
      await popup.bringToFront();
      await popup.click(`role=button[name="${enMessage('saveForLater')}"]`);
      await popup.waitFor(`role=button[name="${enMessage('savedForLater')}"]`);
      await popup.click(`role=button[name="${enMessage('tabReadingList')}"]`);
      const reader = await driver().nextTab(() => popup.click('.reading-list .item .item-title'));
      await reader.waitFor('main[data-state="article"]');
      await reader.bringToFront();
      const id = new URL(await reader.url()).searchParams.get('id') ?? '';
      expect(id).not.toBe('');
      const run: InViewWorld = (fn) => reader.evaluate(fn, null);
      const at = (selector: string) => selector;
      if (problem) {
        await reader.click('.reader-toolbar .action-listen');
        await reader.waitFor(`${BAR}[data-status="no-voice"]`);
      } else {
        expectVoices(driver(), await voicesFor(reader, 'fr'), 'fr');
        // Every place the reader keeps, as storage.local is told it.
        await reader.evaluate((id) => {
          const places: unknown[] = [];
          (globalThis as unknown as { __places: unknown[] }).__places = places;
          type Changes = Record<string, { newValue?: unknown }>;
          const { chrome } = globalThis as unknown as {
            chrome: { storage: { onChanged: { addListener(fn: (changes: Changes, area: string) => void): void } } };
          };
          chrome.storage.onChanged.addListener((changes, area) => {
            const change = changes.listenPlaces;
            if (area === 'local' && change) {
              type Kept = { paragraph: number; sentence: number; gone?: true };
              const place = (change.newValue as Record<string, Kept>)[id];
              // Read to the end, the place is forgotten: a `gone` marker (it syncs), or no entry at all.
              places.push(place && !place.gone ? { paragraph: place.paragraph, sentence: place.sentence } : null);
            }
          });
        }, id);
        const { seen } = await readThrough(reader, at, run, {
          lang: 'fr',
          title: SEED_TITLE,
          label: `${name} offline reader, fr`,
        });
        const places = await reader.waitUntil(() => {
          const places = (globalThis as unknown as { __places: unknown[] }).__places;
          return places.at(-1) === null ? places : null;
        }, null);
        // A place per sentence, in order, then forgotten: read to the end, the next Listen starts at the top.
        expect(places).toHaveLength(seen.length + 1);
        expect(places[0]).toEqual({ paragraph: 0, sentence: 0 });
        // As if the reader had stopped on the second sentence of a paragraph (or a later paragraph's first).
        const stop = Math.max(
          2,
          places.findIndex((place) => (place as { sentence: number } | null)?.sentence === 1),
        );
        const stopped = places[stop] as { paragraph: number; sentence: number };
        await reader.evaluate(
          ({ id, stopped }) =>
            (
              globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
            ).chrome.storage.local.set({ listenPlaces: { [id]: { ...stopped, at: Date.now() } } }),
          { id, stopped },
        );
        await reader.reload();
        await reader.waitFor('main[data-state="article"]');
        await run(spyOnHighlights);
        await reader.click('.reader-toolbar .action-listen');
        await untilEnded(reader, at);
        const resumed = await run(listenProgress);
        expect(resumed.seen[0], `resumed at ${JSON.stringify(stopped)}`).toEqual(seen[stop]);
        expect(resumed.seen).toEqual(seen.slice(stop));
        expect(await reader.text('.content')).toContain(SEED_PARAGRAPHS[0]);
      }
      // Leave the list empty for the other tests.
      await reader.click(`role=button[name="${enMessage('delete')}"]`);
      await reader.waitFor('.reader-status .action-undo');
      await reader.close();
      await popup.close();
    });
  });
}
