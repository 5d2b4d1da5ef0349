// The import zones of eslint.config.js bite: files that break them, written for a moment into the real tree,
// fail lint with the zone's rule, and files that keep them pass. (A zone table that matched no path would let
// everything through silently; this is the test that would notice.)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const PROBE = '__zone_probe__';

interface Probe {
  name: string;
  /** Files to write, by path from the repository root (each in a __zone_probe__ folder). */
  files: Record<string, string>;
  /** The file to lint, and the rule that must (or, with null, no rule that may) report it. */
  lint: string;
  rule: string | null;
}

const PROBES: Probe[] = [
  {
    name: 'a component importing platform/',
    files: { [`components/${PROBE}/Bad.tsx`]: "import { t } from '../../platform/i18n.ts';\nexport const x = t;\n" },
    lint: `components/${PROBE}/Bad.tsx`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a component importing @wxt-dev/storage',
    files: {
      [`components/${PROBE}/Bad.tsx`]: "import { storage } from '@wxt-dev/storage';\nexport const x = storage;\n",
    },
    lint: `components/${PROBE}/Bad.tsx`,
    rule: 'no-restricted-imports',
  },
  {
    name: 'a core/ file using the browser global',
    files: { [`core/reader/${PROBE}/bad.ts`]: 'export const id = browser.runtime.id;\n' },
    lint: `core/reader/${PROBE}/bad.ts`,
    rule: 'no-restricted-globals',
  },
  {
    name: 'a core/ file importing wxt/browser',
    files: { [`core/reader/${PROBE}/bad.ts`]: "import { browser } from 'wxt/browser';\nexport const b = browser;\n" },
    lint: `core/reader/${PROBE}/bad.ts`,
    rule: 'no-restricted-imports',
  },
  {
    name: 'a reader file importing the reading list',
    files: {
      [`core/reader/${PROBE}/bad.ts`]:
        "import { itemId } from '../../reading-list/index.ts';\nexport const f = itemId;\n",
    },
    lint: `core/reader/${PROBE}/bad.ts`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: "platform/ reaching into a domain's internals",
    files: {
      [`platform/${PROBE}/bad.ts`]:
        "import { shardOf } from '../../core/reading-list/sync-storage/shard.ts';\nexport const f = shardOf;\n",
    },
    lint: `platform/${PROBE}/bad.ts`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'an entrypoint calling the browser directly',
    files: { [`entrypoints/${PROBE}/bad.ts`]: "import { browser } from 'wxt/browser';\nexport const b = browser;\n" },
    lint: `entrypoints/${PROBE}/bad.ts`,
    rule: 'no-restricted-imports',
  },
  {
    name: 'a unit test importing a benchmark script',
    files: { [`tests/unit/${PROBE}/bad.ts`]: "import '../../../bench/sync.ts';\n" },
    lint: `tests/unit/${PROBE}/bad.ts`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a cycle',
    files: {
      [`core/reader/${PROBE}/a.ts`]: "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      [`core/reader/${PROBE}/b.ts`]: "import { a } from './a.ts';\nexport const b = (): number => a() - 1;\n",
    },
    lint: `core/reader/${PROBE}/a.ts`,
    rule: 'import-x/no-cycle',
  },
  {
    name: 'a component importing a domain through its index (allowed)',
    files: {
      [`components/${PROBE}/Good.tsx`]:
        "import { DEFAULT_SETTINGS } from '../../core/reader/index.ts';\nimport type { Translate } from '../../contracts/i18n.ts';\nexport const x = (t: Translate): string => t('extName') + String(DEFAULT_SETTINGS.fontSize);\n",
    },
    lint: `components/${PROBE}/Good.tsx`,
    rule: null,
  },
];

const ZONE_RULES = new Set([
  'import-x/no-restricted-paths',
  'import-x/no-cycle',
  'no-restricted-imports',
  'no-restricted-globals',
]);

// Type information is not needed for these rules; without it the probes lint in a fraction of the time.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ZONE_RULES.has(ruleId),
});

const probeDirs = new Set<string>();
function cleanUp() {
  for (const dir of probeDirs) rmSync(join(ROOT, dir), { recursive: true, force: true });
}

describe('import zones', () => {
  beforeAll(() => {
    for (const probe of PROBES) for (const path of Object.keys(probe.files)) probeDirs.add(dirname(path));
    cleanUp();
  });
  afterAll(cleanUp);

  // Generous timeout: a lint run takes seconds on a loaded machine; what is checked is the outcome, not the time.
  test.each(PROBES)('$name', { timeout: 60_000 }, async ({ files, lint, rule }) => {
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(ROOT, path)), { recursive: true });
        writeFileSync(join(ROOT, path), text);
      }
      const [result] = await eslint.lintFiles([join(ROOT, lint)]);
      const rules = result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
      if (rule) expect(rules).toContain(rule);
      else expect(rules).toEqual([]);
    } finally {
      cleanUp();
    }
  });
});
