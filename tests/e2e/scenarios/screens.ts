// Screenshots of every screen in every theme (./every-screen.ts), and the real popup's time to the title and to the article next to
// plain Readability in the same page (printed, never asserted: times on a shared machine are noise).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { median } from '../../../bench/lib/stats.ts';
import { ARTIFACTS, ROOT } from '../paths.ts';
import { POPUP_MARKS, POPUP_STAGE_MARKS } from '../../../contracts/page.ts';
import { poll } from '../../support/driver/index.ts';
import { SEED_PARAGRAPHS } from '../expectations.ts';
import { PATHS } from '../server.ts';
import { type Session } from './session.ts';
import { everyScreenScenario } from './every-screen.ts';

// More runs for a steadier median on a busy machine: POPUP_RUNS=15; POPUP_DEBUG=1 prints every run's steps.
const RUNS = Number(process.env.POPUP_RUNS) || 5;

const READABILITY = readFileSync(join(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');

export function screenScenarios(session: Session): void {
  const { driver, server } = session;
  everyScreenScenario(session, 'en');
  describe('timings', () => {
    test('the real popup: time to the title and to the article, next to plain Readability (printed)', async () => {
      const url = server().url(PATHS.article);
      const { pageTab: page } = driver();
      const marks = JSON.stringify({ ...POPUP_MARKS, ...POPUP_STAGE_MARKS });
      const titleTimes: number[] = [];
      const articleTimes: number[] = [];
      // Every step of every run, for the breakdown: the stage marks, the document parsed, the scripts fetched.
      const stages: Record<string, number[]> = {};
      const loadBefore = loadavg()[0]!;
      for (let i = 0; i < RUNS; i++) {
        await page.goto(url);
        const popup = await driver().openRealPopup();
        // From the popup document's start (time origin 0) to each mark, in the popup's own clock.
        const shown = await poll(
          () =>
            popup.evaluate<{ times: Record<string, number | undefined>; text: string } | null>(
              `(() => { const marks = ${marks};
                const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
                if (at(marks.article) === undefined) return null;
                const times = Object.fromEntries(Object.entries(marks).map(([key, name]) => [key, at(name)]));
                const nav = performance.getEntriesByType('navigation')[0];
                times.domInteractive = nav?.domInteractive;
                const scripts = performance.getEntriesByType('resource').filter((r) => /[.]js$/.test(r.name));
                times.scriptsFetched = Math.max(0, ...scripts.map((r) => r.responseEnd));
                return { times, text: document.querySelector('.content p')?.textContent ?? '' }; })()`,
            ),
          'the article in the real popup',
          20_000,
        );
        expect(shown.text).toContain(SEED_PARAGRAPHS[0]!.slice(0, 60));
        titleTimes.push(shown.times.title!);
        articleTimes.push(shown.times.article!);
        if (process.env.POPUP_DEBUG) console.log(`[run ${i}]`, JSON.stringify(shown.times));
        for (const [key, value] of Object.entries(shown.times)) {
          if (value !== undefined && value !== null) (stages[key] ??= []).push(value);
        }
        await popup.close();
      }
      // Plain Readability on the same live page, in the page itself: clone, parse.
      await page.evaluateExpression(`(() => { ${READABILITY}; window.Readability = Readability; })()`);
      const readabilityTimes = await page.evaluate(() => {
        const Readability = (window as unknown as { Readability: new (doc: Document) => { parse(): unknown } })
          .Readability;
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          new Readability(document.cloneNode(true) as Document).parse();
          times.push(performance.now() - start);
        }
        return times;
      }, null);
      const figures = {
        browser: driver().name,
        titleShownMs: Math.round(median(titleTimes)),
        articleShownMs: Math.round(median(articleTimes)),
        // Every run in order: the first one meets the engine cold.
        articleRunsMs: articleTimes.map(Math.round),
        readabilityInPageMs: Number(median(readabilityTimes).toFixed(1)),
        runs: articleTimes.length,
        loadAverage: [loadBefore, loadavg()[0]!].map((load) => Number(load.toFixed(1))),
        stagesMs: Object.fromEntries(
          Object.entries(stages)
            .map(([key, values]) => [key, Math.round(median(values))] as const)
            .sort((a, b) => a[1] - b[1]),
        ),
      };
      console.log(
        `[timing] ${driver().name}, seed page, the real popup from its document's start (median of ${figures.runs}): ` +
          `title ${figures.titleShownMs} ms, article ${figures.articleShownMs} ms (runs: ${figures.articleRunsMs.join(', ')}); ` +
          `plain Readability in the page ${figures.readabilityInPageMs} ms; load average ${figures.loadAverage.join(' -> ')}; ` +
          `steps (median ms): ${JSON.stringify(figures.stagesMs)}`,
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `timing-${driver().name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
      expect(figures.articleShownMs).toBeGreaterThan(0);
    });
  });
}
