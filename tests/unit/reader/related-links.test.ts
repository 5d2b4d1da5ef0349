// related-links: a label ("More:", "Read more") takes the link list it introduces, or the run of lists of one tag
// that some sites print, one list per teaser.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const clean = (body: string) => removedBy('related-links', body);
const teaser = (title: string) => `<ul><li><h4><a href="/news/${title.length}">${title}</a></h4></li></ul>`;

describe('related-links', () => {
  it('removes a label with every list of the run that follows it', () => {
    const body = `<p>${PROSE}</p><h4>More:</h4>${teaser('Talks resume in the capital')}${teaser('Envoy meets the youth council')}${teaser('Officials invited to two-day talks')}<p>${PROSE}</p>`;
    expect(clean(body)).toEqual([
      'More:',
      'Talks resume in the capital',
      'Envoy meets the youth council',
      'Officials invited to two-day talks',
    ]);
  });

  it('stops at the first block that is not a list of links, or not of the same tag', () => {
    const body = `<p>${PROSE}</p><h4>More:</h4>${teaser('Talks resume in the capital')}<div><a href="/x">A box of links after the list</a></div><p>${PROSE}</p>`;
    expect(clean(body)).toEqual(['More:', 'Talks resume in the capital']);
  });
});
