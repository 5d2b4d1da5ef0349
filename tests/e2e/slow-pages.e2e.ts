// Pages that load slowly or never finish, in real Chromium and Firefox ESR: the scenarios of
// scenarios/slow-pages.ts over both drivers (set-up as in product.e2e.ts).
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { slowPageScenarios } from './scenarios/slow-pages.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  slowPageScenarios(useSession(entry));
});
