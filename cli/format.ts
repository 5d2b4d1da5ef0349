import type { Article, Summary } from '../core/reader/index.ts';
import { htmlToMarkdown } from '../core/reader/index.ts';

export const FORMATS = ['text', 'markdown', 'html', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

function header(a: Article): string[] {
  const meta = [a.siteName, a.byline, a.publishedTime?.slice(0, 10), `${a.readingTimeMinutes} min`].filter(Boolean);
  return [a.title, meta.join(' · ')];
}

/**
 * The "Summary" section: the generated sentences, then the publisher's own summary when it is
 * more than the lede (which the text format prints anyway). Empty when there is neither.
 */
function summaryLines(a: Article, summary: Summary | undefined, markdown: boolean): string[] {
  if (!summary) return [];
  const publisher = a.publisherSummary ?? [];
  const showPublisher = publisher.length > 0 && (markdown || publisher.join(' ') !== a.lede);
  if (!summary.sentences.length && !showPublisher) return [];
  const lines = [markdown ? '## Summary' : 'Summary', ...(markdown ? [''] : [])];
  lines.push(...summary.sentences.map((s) => `- ${s.text}`));
  if (!summary.sentences.length)
    lines.push(markdown ? '_The article is too short to summarize._' : '(too short to summarize)');
  if (showPublisher) {
    lines.push('', markdown ? '### From the publisher' : 'From the publisher', ...(markdown ? [''] : []));
    lines.push(...publisher.map((p) => `- ${p}`));
  }
  return [...lines, ''];
}

export function formatArticle(a: Article, format: Exclude<Format, 'json' | 'jsonl'>, summary?: Summary): string {
  switch (format) {
    case 'text':
      return [
        ...header(a),
        '',
        ...summaryLines(a, summary, false),
        ...(a.lede && !a.text.startsWith(a.lede) ? [a.lede, ''] : []),
        a.text,
      ].join('\n');
    case 'markdown': {
      const [title, meta] = header(a);
      const section = summaryLines(a, summary, true).join('\n');
      return `# ${title}\n\n_${meta}_\n\n${section ? `${section}\n` : ''}${htmlToMarkdown(a.contentHtml)}`;
    }
    case 'html':
      return `<!DOCTYPE html>\n<html lang="${a.lang}"${a.dir ? ` dir="${a.dir}"` : ''}><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>\n<body><article><h1>${escapeHtml(a.title)}</h1>\n${a.contentHtml}\n</article></body></html>`;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
