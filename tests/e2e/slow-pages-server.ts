// Pages that load slowly or never finish, for the scenarios of scenarios/slow-pages.ts: HTML sent in chunks
// (Transfer-Encoding: chunked) over seconds, a server that never answers, a page whose script blocks its thread.
import type { ServerResponse } from 'node:http';

export const SLOW_TITLE = 'Night trains return to the valley line after twelve years';
/** The article's paragraphs, in order. */
export const SLOW_PARAGRAPHS = [
  'The first night train in twelve years left the valley terminus at 22:14 on Friday, with 212 passengers in six sleeping cars and a seated carriage, the regional rail authority said.',
  'The service runs three nights a week to the coast and back, stopping at four towns where the daytime trains no longer call, and tickets start at £39 for a seat and £89 for a berth.',
  'Funding for the first three years comes from the regional tourism fund; the authority will decide in 2029 whether the line carries enough passengers to keep running without it.',
  'Residents of the smaller towns said the train gave them a way to reach the hospital on the coast without a two-hour bus ride, and asked for a morning stop on the return trip.',
  'The operator said it would add a seventh car in the summer, when hikers fill the line, and that bicycles can be booked on every departure for £5.',
];
/** How long the trickling pages take (the page streamed for 8 s). */
export const STREAM_MS = 8_000;

const head = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${SLOW_TITLE}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/travel/">Travel</a></nav></header>
<main><article><h1>${SLOW_TITLE}</h1>\n`;
const paragraph = (text: string) => `<p>${text}</p>\n`;
const comment = (n: number) =>
  `<div class="comment"><p>Reader ${n}: I took the train last week and it was on time both ways.</p></div>\n`;
// Browsers wait for about a kilobyte before they start parsing: padding makes every chunk show at once.
const PADDING = `<!--${' '.repeat(2048)}-->\n`;

/** Writes `chunks` one every `everyMs` (each padded so the browser parses it at once); ends when `end` is true. */
function trickle(res: ServerResponse, first: string, chunks: string[], everyMs: number, end: boolean): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.write(first + PADDING);
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (i < chunks.length) {
      res.write(chunks[i++]! + PADDING);
      return;
    }
    clearInterval(timer);
    if (end) res.end();
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

const BUSY_SCRIPT = `<script>
// Blocks the page's only thread for 30 s once the article is there, as a runaway script does.
setTimeout(() => { const until = Date.now() + 30000; while (Date.now() < until); }, 0);
</script>`;

/** Answers the slow routes; false for any other path. */
export function serveSlowly(path: string, res: ServerResponse): boolean {
  switch (path) {
    case '/slow/comments-trickle/': {
      const comments = Array.from({ length: 16 }, (_, i) => comment(i + 1));
      const article = `${head}${SLOW_PARAGRAPHS.map(paragraph).join('')}</article></main>\n<section class="comments">\n`;
      trickle(
        res,
        article,
        [...comments, '</section><footer>© Valley Post</footer></body></html>'],
        STREAM_MS / 17,
        true,
      );
      return true;
    }
    case '/slow/article-trickle/': {
      const [first, ...rest] = SLOW_PARAGRAPHS;
      trickle(res, head + paragraph(first!), rest.map(paragraph), STREAM_MS / rest.length, false);
      return true;
    }
    case '/slow/never/':
      return true; // no status, no headers, ever (the test server's close ends the connection)
    case '/slow/busy/':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`${head}${SLOW_PARAGRAPHS.map(paragraph).join('')}</article></main>${BUSY_SCRIPT}</body></html>`);
      return true;
    default:
      return false;
  }
}
