// The dateline rule's text patterns, on lines real sites print (the rule needs no markup).
import { describe, expect, it } from 'vitest';
import rule from '../../../core/reader/cleanup/rules/dateline.ts';

const matches = (text: string) =>
  rule.match(null as never, text, { markup: false }, null as never, null as never) === true;

describe('dateline', () => {
  it.each([
    'Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM',
    // A weekday before the time, and the bar that separated the next stamp.
    'Posted: Fri 6:45 PM, Feb 16, 2018 |',
    'Updated: Sat 8:31 PM, Feb 17, 2018',
    // Labels ending in a letter outside ASCII.
    'Publié le 3 mars 2024 à 10h',
    'Modifié le 4 mars 2024 à 11h05',
  ])('takes the stamp %s', (text) => expect(matches(text)).toBe(true));

  it.each([
    'Posted in Politics | 3 comments',
    'Updated guidance 2020',
    'Published on the day the war ended 1945',
    'Publiées en 2024, les données',
  ])('leaves %s', (text) => expect(matches(text)).toBe(false));
});
