import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const out = (dir: string) => fileURLToPath(new URL(`../../.output/${dir}`, import.meta.url));

/** What ships to users (`wxt build`, `wxt build -b firefox`). */
export const SHIPPED = { chrome: out('chrome-mv3'), firefox: out('firefox-mv2') } as const;
/** The store uploads `wxt zip` makes of the shipped builds (`npm run build`). */
export const STORE_ZIP = {
  chrome: out(`${packageJson.name}-${packageJson.version}-chrome.zip`),
  firefox: out(`${packageJson.name}-${packageJson.version}-firefox.zip`),
} as const;
/** The same code plus a host permission for http://127.0.0.1/* (`E2E=1`, see wxt.config.ts). */
export const E2E_BUILD = { chrome: out('e2e-chrome-mv3'), firefox: out('e2e-firefox-mv2') } as const;

export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';
/** Same as wxt.config.ts. */
export const GECKO_ID = 'clear-reader@example.org';

/** Screenshots and timings the suite leaves behind (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('./.artifacts', import.meta.url));
