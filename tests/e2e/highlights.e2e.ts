// Highlights and notes in real Chromium and Firefox ESR, in the offline reader (scenarios/highlights.ts) and the
// in-page view (scenarios/in-page-highlights.ts): written once and run over both drivers, one browser at a time.
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { highlightScenarios } from './scenarios/highlights.ts';
import { inPageHighlightScenarios } from './scenarios/in-page-highlights.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  const session = useSession(entry);
  highlightScenarios(session);
  inPageHighlightScenarios(session);
});
