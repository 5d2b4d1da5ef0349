// "Hide a block" in real Chromium and Firefox ESR: the scenarios of scenarios/pick.ts over both drivers, in
// English, then the pick mode's screenshots in French (a session launched in French).
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { pickScenarios } from './scenarios/pick.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  describe('en', () => pickScenarios(useSession(entry), 'en'));
  describe('fr', () => pickScenarios(useSession(entry, { locale: 'fr' }), 'fr'));
});
