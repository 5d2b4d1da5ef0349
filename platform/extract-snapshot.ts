// The engine on a page's snapshot, in the extension page that asked (Firefox: see core/reader/snapshot.ts). Loaded
// on demand by platform/extract-tab.ts, so that the engine is in no extension page's first bundle.
import { RECORD_PROVENANCE, documentFromSnapshot, extractArticle, type PageSnapshot } from '../core/reader/index.ts';
import { pageOutcome, type PageOptions, type PageResult } from '../contracts/page.ts';
import { engineOptions } from '../contracts/engine-options.ts';

/**
 * Browsers' HTML parsers nest 512 open elements at most (deeper tags become siblings). A snapshot that deep may
 * be a page a script built deeper, which only the page itself can measure: the engine refuses it one level
 * short of the parser's limit, and platform/extract-tab.ts reads such a page in the page instead.
 */
export const SNAPSHOT_MAX_DEPTH = 511;
/** The engine's words for a page too deep (core/reader/extract.ts). */
export const TOO_DEEP = /nested over \d+ levels deep/;

export function extractSnapshot(snapshot: PageSnapshot, options: PageOptions): PageResult {
  const doc = documentFromSnapshot(snapshot, (markup) => new DOMParser().parseFromString(markup, 'text/html'));
  const result = extractArticle(doc, snapshot.url, {
    ...engineOptions(options, doc),
    maxDepth: SNAPSHOT_MAX_DEPTH,
    baseUrl: snapshot.baseUrl,
    // For the in-page view, the blocks' provenance ("Hide a block"), as extract-traced.ts records it in the page.
    ...(options.provenance ? { provenance: RECORD_PROVENANCE } : {}),
  });
  return pageOutcome(result, snapshot.readyState, options.partial === true);
}

// A made-up article with the usual surroundings (menu, share links, related list, footer), to run the engine once
// in the background page before the reader first needs it: its first run compiles the rules' expressions and its
// code, several times slower than the runs after.
const SENTENCE = 'The council voted on Tuesday to extend the library\u2019s opening hours, after a year of petitions. ';
const WARM_UP_PAGE = `<html lang="en"><head><title>Library hours extended</title>
<meta property="og:site_name" content="The Daily Example"><meta name="author" content="A. Writer"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav></header>
<main><article><h1>Library hours extended</h1><p class="byline">By A. Writer \u00b7 3 min read</p>
${Array.from({ length: 8 }, (_, i) => `<p>${SENTENCE.repeat(3 + (i % 3))}<a href="/p${i}">More</a></p>`).join('')}
<figure><img src="/a.jpg" alt="The library"><figcaption>The library. Photo: Someone</figcaption></figure>
<div class="share"><a href="/share?to=x">Share</a></div><h2>Related</h2>
<ul><li><a href="/r1">Other story</a></li><li><a href="/r2">Another story</a></li></ul></article></main>
<footer><p>\u00a9 The Daily Example</p><a href="/privacy">Privacy</a></footer></body></html>`;

// Under .example (RFC 2606: reserved, never resolves), and never fetched: only the engine reads it.
const WARM_UP_URL = 'https://news.example/2026/library-hours';
export const WARM_UP_SNAPSHOT: PageSnapshot = {
  html: WARM_UP_PAGE,
  url: WARM_UP_URL,
  baseUrl: WARM_UP_URL,
  quirks: false,
  readyState: 'complete',
  contentType: 'text/html',
};

/** Runs the engine once on a made-up page, result dropped (the background page calls it when idle). */
export function warmUp(): void {
  extractSnapshot(WARM_UP_SNAPSHOT, {});
}
