import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve('.output');
const line = (label, path) =>
  console.log(`  ${label.padEnd(22)} ${existsSync(path) ? path : '(missing: build failed?)'}`);
console.log('\nBuilt. Load the unpacked extension from:');
line('Chrome / Chromium:', resolve(out, 'chrome-mv3'));
line('Firefox:', resolve(out, 'firefox-mv2'));
const zips = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.zip')) : [];
if (zips.length) console.log(`Store zips: ${zips.map((z) => resolve(out, z)).join(', ')}`);
console.log('Chrome: chrome://extensions > Developer mode > Load unpacked > the folder above.');
console.log(
  'Firefox: about:debugging#/runtime/this-firefox > Load Temporary Add-on > manifest.json in the folder above.\n',
);
