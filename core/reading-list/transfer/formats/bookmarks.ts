// Netscape bookmarks HTML, every browser's export (and ours): <DT><A HREF ADD_DATE TAGS>title</A>, folders as
// <DT><H3>name</H3><DL>…</DL>. A folder named "Archive" (or "Read Archive", as our export writes) holds archived
// items.
import { tokenizeHtml } from '../html.ts';
import { defineImportFormat, truthy } from '../import-format.ts';

const ARCHIVE_FOLDER = /^(read )?archived?$/i;

export const bookmarksHtml = defineImportFormat({
  id: 'netscape-html',
  service: 'bookmarks',
  name: 'bookmarks HTML',
  kind: 'html',
  fixtures: ['bookmarks.html.txt'],
  detect: ({ text }) =>
    /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(text) || /<dt[^>]*>\s*<a\s/i.test(text) ? 'certain' : null,
  read({ text }, sink) {
    const folders: string[] = [];
    let lastHeading = '';
    let heading: string | null = null;
    let link: { attrs: Record<string, string>; line: number; text: string } | null = null;
    const finishLink = () => {
      if (!link) return;
      const { attrs } = link;
      sink.add(
        {
          url: attrs.href,
          title: link.text,
          tags: (attrs.tags ?? '').split(','),
          state: folders.some((f) => ARCHIVE_FOLDER.test(f)) ? 'archived' : 'unread',
          favourite: truthy(attrs.favourite ?? attrs.favorite),
          addedAt: attrs.add_date,
        },
        link.line,
      );
      link = null;
    };
    for (const token of tokenizeHtml(text)) {
      if (token.kind === 'text') {
        if (heading !== null) heading += token.text;
        if (link) link.text += token.text;
        continue;
      }
      if (token.name === 'h3') {
        if (!token.closing) heading = '';
        else if (heading !== null) {
          lastHeading = heading.trim();
          heading = null;
        }
      } else if (token.name === 'dl') {
        if (!token.closing) {
          folders.push(lastHeading);
          lastHeading = '';
        } else folders.pop();
      } else if (token.name === 'a') {
        finishLink(); // an unclosed <A> ends at the next one
        if (!token.closing) link = { attrs: token.attrs, line: token.line, text: '' };
      } else if (link && (token.name === 'dt' || token.name === 'dd')) {
        finishLink();
      }
    }
    finishLink();
  },
});
