// The import fixtures (tests/fixtures-transfer/), with the ZIP exports built from their text files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';

export const FIXTURES = join(import.meta.dirname, '../fixtures-transfer');

export const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A ZIP of a fixture folder, as the service would send it (files under a folder, as Pocket's are). */
export function zipFixture(dir: string, prefix = ''): Uint8Array {
  const files = Object.fromEntries(readdirSync(join(FIXTURES, dir)).map((f) => [prefix + f, fixture(join(dir, f))]));
  return zipSync(files);
}
