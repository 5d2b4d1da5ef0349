// Listen in real Chromium and Firefox ESR with speech-dispatcher's voices: the scenarios of scenarios/listen.ts
// over both drivers (set-up as in product.e2e.ts; the voices come from the global setup).
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { listenScenarios } from './scenarios/listen.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  listenScenarios(useSession(entry));
});
