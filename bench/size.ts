// npm run bench:size -- [--dir DIR | --firefox] [--out FILE]
// Gzip sizes of the built bundles, against the size budgets. Reports only: always exits 0 on a build.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    firefox: { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'bench/results/size.json') },
  },
});
const dir = values.dir ? resolve(values.dir) : join(root, '.output', values.firefox ? 'firefox-mv2' : 'chrome-mv3');

interface Manifest {
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  background?: { service_worker?: string; scripts?: string[] };
}

/** Paths are relative to the extension root, posix-style, as the manifest and HTML write them. */
function popupEntries(popupHtml: string): string[] {
  const html = readFileSync(join(dir, popupHtml), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => attr(m[0], 'src'));
  const links = [...html.matchAll(/<link\b[^>]*>/gi)]
    .filter((m) => /^(stylesheet|modulepreload)$/i.test(attr(m[0], 'rel') ?? ''))
    .map((m) => attr(m[0], 'href'));
  const base = posix.dirname(popupHtml);
  return [...scripts, ...links]
    .filter((src): src is string => !!src && !/^[a-z]+:/i.test(src))
    .map((src) => (src.startsWith('/') ? src.slice(1) : posix.join(base, src)));
}

/**
 * The entry files plus every chunk their JS imports, each counted once. `dynamic`: also follow import("…"),
 * the chunks loaded on demand (the popup's reading list tab), which are not part of what every open loads.
 */
function withImports(entries: string[], dynamic = false): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js') || !existsSync(join(dir, file))) return;
    const code = readFileSync(join(dir, file), 'utf8');
    // Minified Vite output: from"./x.js", import"./x.js", import("./x.js"); absolute "/chunks/x.js" too.
    for (const m of code.matchAll(/\b(?:from|import)\s*(?<call>\()?\s*["'`](?<spec>(?:\.{1,2})?\/[^"'`]+\.js)["'`]/g)) {
      if (m.groups?.call && !dynamic) continue;
      const spec = m.groups?.spec ?? '';
      visit(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(file), spec)));
    }
    // Vite lists a lazy chunk's own dependencies in __vite__mapDeps(["chunks/x.js", …]).
    if (dynamic)
      for (const m of code.matchAll(/["'](?<dep>(?:chunks|assets)\/[^"']+\.(?:js|css))["']/g))
        visit(m.groups?.dep ?? '');
  };
  entries.forEach(visit);
  return [...seen];
}

function measure(name: string, entries: string[], targetKB: number | null, except: string[] = []) {
  const files = withImports(entries, except.length > 0).filter((f) => !except.includes(f));
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  let raw = 0;
  let gzip = 0;
  // Each file is fetched separately, so each is compressed on its own.
  for (const f of files.filter((f) => !missing.includes(f))) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  const overBytes = targetKB === null ? null : gzip - targetKB * KB;
  return {
    bundle: name,
    files,
    missing,
    rawBytes: raw,
    gzipBytes: gzip,
    targetKB,
    ok: missing.length > 0 ? false : overBytes === null ? null : overBytes <= 0,
    overBytes,
  };
}

function main(): number {
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`No build found at ${dir}.\nRun \`npm run build\` first (or pass --dir DIR).`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const popup = (manifest.action ?? manifest.browser_action)?.default_popup ?? 'popup.html';
  const background = manifest.background?.service_worker ?? manifest.background?.scripts ?? [];
  const popupFiles = existsSync(join(dir, popup)) ? popupEntries(popup) : [popup];
  const popupRow = measure('popup', popupFiles, 30);
  const rows = [
    measure('content script', ['extract.js'], 45),
    // The in-page view's extraction: the same plus each block's provenance (for "Hide a block").
    measure('content, traced', ['extract-traced.js'], 45),
    measure('in-page view', ['reader-view.js'] /* styles are inlined */, 45),
    // Its highlights, injected when an article is shown (entrypoints/view-highlights).
    measure('view highlights', ['view-highlights.js'], 45),
    // "Hide a block", injected only when the reader uses it.
    measure('view, pick mode', ['pick-mode.js'], 45),
    popupRow,
    // What the popup loads later, on demand (the reading list tab, the summarizer): not on every open.
    measure('popup, on demand', popupFiles, null, popupRow.files),
    measure('background', [background].flat(), null),
  ];

  const kb = (bytes: number) => (bytes / KB).toFixed(1);
  const line = (bundle: string, raw: string, gzip: string, target: string, status: string) =>
    console.log(`  ${bundle.padEnd(18)}${raw.padStart(10)}${gzip.padStart(10)}${target.padStart(10)}  ${status}`);
  console.log(`Bundle sizes in ${dir} (1 KB = 1024 bytes; gzip -9 per file, summed)\n`);
  line('bundle', 'raw KB', 'gzip KB', 'target', '');
  for (const r of rows) {
    const status =
      r.missing.length > 0
        ? 'MISSING'
        : r.overBytes === null
          ? ''
          : r.overBytes <= 0
            ? 'ok'
            : `OVER by ${kb(r.overBytes)} KB`;
    line(r.bundle, kb(r.rawBytes), kb(r.gzipBytes), r.targetKB === null ? '-' : `<= ${r.targetKB}`, status);
  }
  for (const r of rows.filter((r) => r.missing.length)) console.log(`  ! ${r.bundle}: missing ${r.missing.join(', ')}`);

  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify({ dir, kb: KB, bundles: rows }, null, 1));
  console.log(`\nDetails: ${values.out}`);
  // A bundle not found is a renamed or lost entrypoint, never "0 KB, ok".
  return rows.some((r) => r.missing.length > 0) ? 1 : 0;
}

process.exitCode = main();
