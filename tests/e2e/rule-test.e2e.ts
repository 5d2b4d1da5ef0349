// "Test on the current page" for the reader's site rules, in real Chromium and Firefox ESR: the scenarios of
// scenarios/rule-test.ts over both drivers, in English, then in French (its words and screenshots).
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { ruleTestScenarios } from './scenarios/rule-test.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  describe('en', () => ruleTestScenarios(useSession(entry), 'en'));
  describe('fr', () => ruleTestScenarios(useSession(entry, { locale: 'fr' }), 'fr'));
});
