// Every screen in French, in both browsers (the English ones are shot in product.e2e.ts): one browser session per
// driver, launched in French (Debian's chromium-l10n and firefox-esr-l10n-fr), every theme shot in it.
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { everyScreenScenario } from './scenarios/every-screen.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  everyScreenScenario(useSession(entry, { locale: 'fr' }), 'fr');
});
