// stray-image-label: what a gallery widget leaves as text once its script is gone.
import { describe, expect, it } from 'vitest';
import rule from '../../../core/reader/cleanup/rules/stray-image-label.ts';

const matches = (text: string) =>
  rule.match(null as never, text, { markup: false }, null as never, null as never) === true;

describe('stray-image-label', () => {
  // "Image 1 of / 8": the counter whose current number the script never filled in.
  it.each(['Image 1 of / 8', '1 of 6', 'Foto 3 von 12', '12 photos', 'Enlarge Image', 'Enlarge this image'])(
    'takes %s',
    (text) => expect(matches(text)).toBe(true),
  );

  it.each(['Step 1 of 6', 'Photo', 'Video', '1 of the 6 finalists'])('leaves %s', (text) =>
    expect(matches(text)).toBe(false),
  );
});
