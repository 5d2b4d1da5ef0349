// Imports that keep the highlights, in real Chromium and Firefox ESR: the scenario (scenarios/import-highlights.ts)
// written once and run over both drivers, one browser at a time.
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { importHighlightScenarios } from './scenarios/import-highlights.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  importHighlightScenarios(useSession(entry));
});
