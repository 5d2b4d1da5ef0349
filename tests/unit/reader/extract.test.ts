import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../core/reader/index.ts';
import { articlePage, page } from '../../support/dom.ts';

const ok = (result: ReturnType<typeof extractArticle>) => {
  if (!result.ok) throw new Error(`expected an article, got ${result.reason}: ${result.message}`);
  return result.article;
};

describe('extractArticle', () => {
  it('never modifies the page it reads', () => {
    const doc = page(articlePage('<p>Temps de lecture : 3 minutes</p>'));
    const before = doc.documentElement.outerHTML;
    ok(extractArticle(doc, doc.URL));
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('says when a page is not an article, and extracts it anyway when forced', () => {
    const doc = page('<html><body><nav><a href="/">Home</a></nav><p>Short.</p></body></html>');
    const result = extractArticle(doc, doc.URL);
    expect(result).toMatchObject({ ok: false, reason: 'not-article' });
    expect(extractArticle(doc, doc.URL, { force: true })).toMatchObject({ ok: true });
  });

  it('fails fast and clearly on a page that is too large', () => {
    const doc = page(articlePage('<div>' + '<span>x</span>'.repeat(2000) + '</div>'));
    const result = extractArticle(doc, doc.URL, { maxElements: 1000 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    if (!result.ok) expect(result.message).toMatch(/too large/);
  });

  it('reports an empty page', () => {
    const doc = page('<html><body></body></html>');
    expect(extractArticle(doc, doc.URL, { force: true })).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('sanitizes: no script, handler, javascript: URL, form or iframe survives', () => {
    const doc = page(
      articlePage(`<p>Read <a href="javascript:alert(1)">this</a> and <a href="https://ok.example/">that</a>.
        <img src="/a.jpg" onerror="alert(1)" alt="x"></p><script>alert(1)</script>
        <form action="/x"><input name="q"><button>Go</button></form><iframe src="https://evil.example/"></iframe>
        <p style="color:red" onclick="alert(1)">Styled paragraph with enough words to stay in the article body.</p>`),
    );
    const html = ok(extractArticle(doc, doc.URL)).contentHtml;
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<form|<input|<button|<iframe|style=/i);
    expect(html).toContain('href="https://ok.example/"');
    expect(html).toContain('Styled paragraph');
  });

  it('computes the reading time from the cleaned text, in the page language', () => {
    const doc = page(articlePage('<p>Temps de lecture : 45 minutes</p>', { lang: 'fr', paragraphs: 6 }));
    const article = ok(extractArticle(doc, doc.URL));
    expect(article.lang).toBe('fr');
    expect(article.text).not.toContain('Temps de lecture');
    expect(article.readingTimeMinutes).toBe(1);
    expect(article.removed).toContainEqual({ rule: 'reading-time', text: 'Temps de lecture : 45 minutes' });
  });

  it('guesses the language when the page does not say it', () => {
    const html = articlePage('', { lang: 'fr' }).replace(' lang="fr"', '');
    expect(ok(extractArticle(page(html), 'https://x.example/')).lang).toBe('fr');
  });

  it('drops captions by default and keeps them, without their credit, when asked', () => {
    const figure =
      '<figure><img src="/p.jpg" alt=""><figcaption>The mayor at the council meeting. © DR</figcaption></figure>';
    const doc = page(articlePage(figure));
    const plain = ok(extractArticle(doc, doc.URL));
    expect(plain.text).not.toContain('The mayor at the council meeting');
    expect(plain.contentHtml).toContain('<img');
    const kept = ok(extractArticle(doc, doc.URL, { keepCaptions: true }));
    expect(kept.text).toContain('The mayor at the council meeting.');
    expect(kept.text).not.toContain('© DR');
  });

  it('takes metadata from the page: site, date, lede', () => {
    const html = articlePage('').replace(
      '<title>',
      '<meta property="og:site_name" content="Daily Example"><meta property="article:published_time" content="2024-06-29T10:15:00+01:00"><meta name="description" content="The council passed its budget after a long night."><title>',
    );
    const article = ok(extractArticle(page(html), 'https://x.example/'));
    expect(article).toMatchObject({
      siteName: 'Daily Example',
      publishedTime: '2024-06-29T09:15:00.000Z',
      lede: 'The council passed its budget after a long night.',
    });
  });
});

describe('canonical address', () => {
  const withHead = (head: string) => page(articlePage('').replace('<title>', `${head}<title>`));

  it('reads <link rel="canonical">, made absolute', () => {
    const doc = withHead('<link rel="canonical" href="/2024/06/budget.html">');
    expect(ok(extractArticle(doc, 'https://m.news.example/amp/x')).canonicalUrl).toBe(
      'https://m.news.example/2024/06/budget.html',
    );
  });

  it('falls back to og:url, and refuses what is not http(s)', () => {
    expect(
      ok(extractArticle(withHead('<meta property="og:url" content="https://news.example/a">'), 'https://x.example/'))
        .canonicalUrl,
    ).toBe('https://news.example/a');
    expect(
      ok(extractArticle(withHead('<link rel="canonical" href="javascript:alert(1)">'), 'https://x.example/'))
        .canonicalUrl,
    ).toBeNull();
    expect(ok(extractArticle(withHead(''), 'https://x.example/')).canonicalUrl).toBeNull();
  });
});

describe('publication dates', () => {
  it('keeps a date without a time as a date (not a UTC midnight, the day before west of UTC)', () => {
    const html = articlePage('').replace(
      '<title>',
      '<meta property="article:published_time" content="2024-03-15"><title>',
    );
    expect(ok(extractArticle(page(html), 'https://x.example/')).publishedTime).toBe('2024-03-15');
  });

  it('skips a date that does not exist and takes the next source', () => {
    const html = articlePage('').replace(
      '<title>',
      '<meta property="article:published_time" content="2024-13-45"><meta name="date" content="2024-03-16T08:00:00Z"><title>',
    );
    expect(ok(extractArticle(page(html), 'https://x.example/')).publishedTime).toBe('2024-03-16T08:00:00.000Z');
  });
});

describe('pictures', () => {
  it('keeps a featured image and its caption when captions are kept (the wrapper echoes the caption)', () => {
    const featured =
      '<div class="td-post-featured-image"><figure><img src="/bus.jpg" alt=""><figcaption>Buses parked at the Hartwell Road depot.</figcaption></figure></div>';
    const doc = page(articlePage(featured));
    const withAlt = page(articlePage('<figure><img src="/m.jpg" alt="The mayor at the council. © DR"></figure>'));
    expect(ok(extractArticle(withAlt, withAlt.URL)).contentHtml).toContain('alt="The mayor at the council."');
    const kept = extractArticle(doc, doc.URL, { keepCaptions: true });
    expect(kept.ok && kept.article.contentHtml).toContain('src="https://news.example/bus.jpg"');
    expect(kept.ok && kept.article.text).toContain('Buses parked at the Hartwell Road depot.');
    const dropped = extractArticle(doc, doc.URL);
    expect(dropped.ok && dropped.article.contentHtml).toContain('src="https://news.example/bus.jpg"');
    expect(dropped.ok && dropped.article.text).not.toContain('Buses parked');
  });
});
