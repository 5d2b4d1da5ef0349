// The shipped code in real Chromium and Firefox ESR, each scenario written once and run over both drivers
// (tests/support/driver/): the popup, the in-page view, the reader's settings, the reading list and its offline
// copies, the options page, timings and screenshots. One browser per driver for the whole file.
//
// How extraction is triggered: `activeTab` is granted only by a real user gesture (toolbar click, shortcut), and
// no automation can make one. So the tests load the E2E build (identical code plus host access to
// http://127.0.0.1/*, see wxt.config.ts and build.e2e.ts) and open popup.html as a background tab of the window
// whose active tab is the test page: the popup's own `tabs.query({active: true, currentWindow: true})` then finds
// the page, exactly as when the reader clicks the button. Nothing in the extension knows it is being tested.
import { describe } from 'vitest';
import { DRIVERS } from '../support/driver/index.ts';
import { inPageActionScenarios } from './scenarios/in-page-actions.ts';
import { inPageViewScenarios } from './scenarios/in-page-view.ts';
import { popupScenarios } from './scenarios/popup.ts';
import { readingListScenarios } from './scenarios/reading-list.ts';
import { saveFeedbackScenarios } from './scenarios/save-feedback.ts';
import { screenScenarios } from './scenarios/screens.ts';
import { useSession } from './scenarios/session.ts';

describe.each(DRIVERS)('$name', (entry) => {
  const session = useSession(entry);
  popupScenarios(session);
  inPageViewScenarios(session);
  readingListScenarios(session);
  screenScenarios(session);
  saveFeedbackScenarios(session);
  inPageActionScenarios(session);
});
