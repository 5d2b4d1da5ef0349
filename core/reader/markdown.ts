import TurndownService from 'turndown';

let converter: TurndownService | null = null;

/** Article HTML as Markdown (ATX headings, fenced code, "-" bullets): for the CLI and the offline-copies export. */
export function htmlToMarkdown(html: string): string {
  converter ??= new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  return converter.turndown(html);
}
