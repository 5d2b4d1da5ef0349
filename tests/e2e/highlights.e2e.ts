// Highlights and notes in real Chromium and Firefox ESR: the scenario (scenarios/highlights.ts) written once and
// run over both drivers, one browser at a time.
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { highlightScenarios } from './scenarios/highlights.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  highlightScenarios(useSession(entry));
});
