import TurndownService from 'turndown';
import type { Article } from '../core/index.ts';

export const FORMATS = ['text', 'markdown', 'html', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

function header(a: Article): string[] {
  const meta = [a.siteName, a.byline, a.publishedTime?.slice(0, 10), `${a.readingTimeMinutes} min`].filter(Boolean);
  return [a.title, meta.join(' · ')];
}

export function formatArticle(a: Article, format: Exclude<Format, 'json' | 'jsonl'>): string {
  switch (format) {
    case 'text':
      return [...header(a), '', ...(a.lede && !a.text.startsWith(a.lede) ? [a.lede, ''] : []), a.text].join('\n');
    case 'markdown': {
      const md = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
      const [title, meta] = header(a);
      return `# ${title}\n\n_${meta}_\n\n${md.turndown(a.contentHtml)}`;
    }
    case 'html':
      return `<!DOCTYPE html>\n<html lang="${a.lang}"${a.dir ? ` dir="${a.dir}"` : ''}><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>\n<body><article><h1>${escapeHtml(a.title)}</h1>\n${a.contentHtml}\n</article></body></html>`;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
