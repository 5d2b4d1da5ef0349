// The hostile corpus through the engine, in Node: every page is read as an article, the payload sits in the text
// Readability keeps, and what comes out (and what the popup's second sanitizing makes of it, once the browser
// parses it again) can neither run script, load anything but the article's images, nor clobber a global.
// Titles, bylines, site names and summaries stay strings, markup and all: tests/unit/components/text-only-rendering.test.ts
// checks they are rendered as text.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle, sanitizeHtml, type Article } from '../../../core/reader/index.ts';
import { inspectArticleDom } from '../../hostile/inspect.ts';
import { buildPage, pathOf, payloadOf, proseOf, type Hosts } from '../../hostile/page.ts';
import { VECTORS, type Category, type Vector } from '../../hostile/vectors.ts';

const HOSTS: Hosts = { sentinel: 'http://127.0.0.2:9', cdn: 'http://127.0.0.3:9' };
const ORIGIN = 'http://127.0.0.1:8000';
const INSPECT = { pageOrigin: ORIGIN, imageHosts: [new URL(HOSTS.cdn).host] };

function extract(vector: Vector): Article {
  const url = ORIGIN + pathOf(vector);
  const doc = new JSDOM(buildPage(vector, HOSTS), { url }).window.document;
  const result = extractArticle(doc, url);
  if (!result.ok) throw new Error(`${vector.id}: ${result.reason} (${result.message})`);
  return result.article;
}

/** The HTML as a browser builds it from the string (parsing again is where mutation XSS happens). */
function parsed(html: string): Element {
  const doc = new JSDOM('<!DOCTYPE html><body><div></div></body>').window.document;
  const root = doc.body.firstElementChild!;
  root.innerHTML = html; // as Preact's dangerouslySetInnerHTML does
  return root;
}

const articles = new Map(VECTORS.map((vector) => [vector.id, extract(vector)]));
const articleOf = (vector: Vector) => articles.get(vector.id)!;
const body = VECTORS.filter((vector) => vector.where === 'body');

describe('the hostile corpus', () => {
  it('has over 100 distinct vectors, in every category and placement the issue lists', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(VECTORS.map((vector) => vector.id)).size).toBe(VECTORS.length);
    expect(new Set(VECTORS.map((vector) => `${vector.where}:${vector.payload}`)).size).toBe(VECTORS.length);
    const categories: Category[] = [
      'script',
      'event-handler',
      'javascript-url',
      'data-url',
      'svg',
      'mathml',
      'frame',
      'object-embed',
      'form',
      'base',
      'meta',
      'link',
      'css',
      'dom-clobbering',
      'mutation-xss',
      'media',
      'metadata',
    ];
    for (const category of categories) {
      expect(VECTORS.filter((vector) => vector.category === category).length, category).toBeGreaterThanOrEqual(2);
    }
    const placements = new Set(VECTORS.map((vector) => vector.where));
    for (const where of ['body', 'title', 'byline', 'site-name', 'description', 'json-ld', 'head', 'document']) {
      expect(placements, where).toContain(where);
    }
  });

  it('gives every executable payload the sentinel: a request to the sentinel host and the global', () => {
    for (const vector of VECTORS.filter((v) => v.payload.includes('{JS}'))) {
      const payload = payloadOf(vector, HOSTS);
      expect(payload).toContain(`${HOSTS.sentinel}/pwned/${vector.id}`);
      expect(payload).toContain('top.__pwned=1');
    }
  });

  it.each(VECTORS.map((vector) => [vector.id, vector] as const))(
    '%s: the page is read as an article, payload and all',
    (_id, vector) => {
      const article = articleOf(vector);
      const text = article.text.replace(/\s+/g, ' ');
      const prose = proseOf(vector).paragraphs;
      // The text on both sides of the payload made it into the article: the payload was in what Readability kept.
      expect(text).toContain(prose[3]!.slice(0, 60));
      expect(text).toContain(prose[5]!.slice(0, 60));
      expect(text).toContain(prose[7]!.slice(-60));
    },
  );
});

describe('what the engine gives out', () => {
  it.each(body.map((vector) => [vector.id, vector] as const))(
    '%s: no script, handler, script or data: URL, frame, form, style, foreign load or clobbering name',
    (_id, vector) => {
      const html = articleOf(vector).contentHtml;
      // As the engine serialized it, as the in-page view parses it, and after the popup's second sanitizing.
      expect(inspectArticleDom(parsed(html), INSPECT)).toEqual([]);
      const again = sanitizeHtml(html, new JSDOM('').window.document);
      expect(inspectArticleDom(parsed(again), INSPECT)).toEqual([]);
    },
  );

  it('keeps the article photos (the page’s own, and a CDN photo as an <img>), loaded only once shown', () => {
    for (const vector of body) {
      const doc = parsed(articleOf(vector).contentHtml);
      expect(doc.querySelector(`img[src="${ORIGIN}/img/${vector.id}/lead.svg"]`), vector.id).not.toBeNull();
      // Lazy: an image hidden by the reader's "images off" (display: none) is never fetched.
      for (const img of doc.querySelectorAll('img')) expect(img.getAttribute('loading'), vector.id).toBe('lazy');
    }
    const cdn = parsed(articleOf(VECTORS.find((v) => v.id === 'img-foreign-src')!).contentHtml);
    expect(cdn.querySelector(`img[src^="${HOSTS.cdn}/"]`)).not.toBeNull();
  });

  it('allows data: URLs only as the source of an <img>, where an image cannot run script or load anything', () => {
    const svg = parsed(articleOf(VECTORS.find((v) => v.id === 'img-src-data-svg-script')!).contentHtml);
    const kept = [...svg.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
    expect(kept.some((src) => src.startsWith('data:image/svg+xml'))).toBe(true);
    const html = parsed(articleOf(VECTORS.find((v) => v.id === 'img-src-data-html')!).contentHtml);
    expect([...html.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '')).not.toContainEqual(
      expect.stringMatching(/^data:text/),
    );
  });
});

describe('titles, bylines, site names and summaries', () => {
  const metadata = VECTORS.filter((vector) => vector.category === 'metadata');
  const field: Partial<Record<Vector['where'], (a: Article) => (string | null | undefined)[]>> = {
    title: (a) => [a.title],
    byline: (a) => [a.byline],
    'site-name': (a) => [a.siteName],
    description: (a) => [a.lede, ...(a.publisherSummary ?? [])],
    'json-ld': (a) => [a.title, a.byline],
  };

  it.each(metadata.filter((v) => field[v.where]).map((vector) => [vector.id, vector] as const))(
    '%s: kept as a string, markup characters and all (never parsed, never stripped)',
    (_id, vector) => {
      const values = field[vector.where]!(articleOf(vector));
      for (const value of values) {
        expect(typeof value).toBe('string');
        expect(value).toBe(payloadOf(vector, HOSTS).trim());
      }
    },
  );

  it('a hostile lang, dir or canonical address gives a clean tag, no direction and an http(s) address or none', () => {
    for (const vector of metadata.filter((v) => v.where === 'document')) {
      const article = articleOf(vector);
      expect(article.lang).toMatch(/^[a-z]{2,3}(?:-[a-z0-9]+)*$/);
      expect(article.dir).toBeNull();
      if (article.canonicalUrl !== null) expect(new URL(article.canonicalUrl).protocol).toMatch(/^https?:$/);
    }
  });
});
