import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';
import { isCreditLine } from '../credits.ts';

const rule: CleanupRule = {
  id: 'photo-credit',
  reason:
    'Credit lines under images ("© DR", "Photo: Reuters", "(Image: GETTY)") are not part of the story; Readability keeps them as lines of text. Removed even when captions are kept.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-captions-credits', 'it-leggi-anche'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 100,
  match: (_el, text) => isCreditLine(text),
};
export default rule;
