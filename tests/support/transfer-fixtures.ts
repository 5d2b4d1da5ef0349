// The import fixtures (tests/fixtures-transfer/), with the ZIP exports built from their text files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';

export const FIXTURES = join(import.meta.dirname, '../fixtures-transfer');

export const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A fixture folder's files (its subfolders' too) by path inside it. */
function folderFiles(dir: string, prefix: string): [string, Uint8Array][] {
  return readdirSync(join(FIXTURES, dir)).flatMap((f) =>
    statSync(join(FIXTURES, dir, f)).isDirectory()
      ? folderFiles(join(dir, f), `${prefix}${f}/`)
      : [[prefix + f, fixture(join(dir, f))] as [string, Uint8Array]],
  );
}

/** A ZIP of a fixture folder, as the service would send it (files under a folder, as Pocket's are). */
export function zipFixture(dir: string, prefix = ''): Uint8Array {
  return zipSync(Object.fromEntries(folderFiles(dir, prefix)));
}
