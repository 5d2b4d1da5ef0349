// The drivers every scenario runs over: `describe.each(DRIVERS)('$name', ({ launch }) => …)`.
import { launchChromiumDriver } from './chromium.ts';
import { launchFirefoxDriver } from './firefox.ts';
import type { DriverEntry } from './types.ts';

export const CHROMIUM_DRIVER: DriverEntry = { name: 'chromium', launch: launchChromiumDriver };
export const FIREFOX_DRIVER: DriverEntry = { name: 'firefox', launch: launchFirefoxDriver };
export const DRIVERS: readonly DriverEntry[] = [CHROMIUM_DRIVER, FIREFOX_DRIVER];

export { launchChromium } from './chromium.ts';
export type * from './types.ts';
export { poll, within } from './expression.ts';
