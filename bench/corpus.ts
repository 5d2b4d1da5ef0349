// Where the shared benchmark corpora live and how to read them.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SHARED = resolve(import.meta.dirname, '../../shared/corpus');
export const DEFAULT_DEV_DIR = join(SHARED, 'article-extraction-dev');
export { DEFAULT_READABILITY_DIR } from './lib/readability-pages.ts';

export type GroundTruth = Record<string, { articleBody: string; url: string }>;

export function loadGroundTruth(devDir: string): GroundTruth {
  return JSON.parse(readFileSync(join(devDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
}

export const devPagePath = (devDir: string, id: string) => join(devDir, 'html', `${id}.html.gz`);

/** Says clearly which corpus is missing and how to point at it. */
export function corpusPresent(path: string, what: string, flag: string): boolean {
  if (existsSync(path)) return true;
  console.error(`Missing ${what}: ${path}\n  (it lives in ../shared/corpus; pass another folder with ${flag} DIR)`);
  return false;
}
