import type { CleanupRule } from '../rule.ts';
import { tags } from '../rule.ts';
import { nothingFollows } from '../dom.ts';
import { afterLastProse } from './trailing-chrome.ts';

const rule: CleanupRule = {
  id: 'closing-heading',
  reason:
    'A heading announces what follows it. One that ends the article, after its last paragraph of prose, announces a widget that is not there (filled by script, or removed as clutter): "Empfohlene Beiträge", "Siehe auch", "Also on …".',
  languages: ['*'],
  fixtures: ['en-closing-promo'],
  stage: 'orphans',
  tags: tags('h2', 'h3', 'h4', 'h5', 'h6'),
  maxLength: 100,
  match(el, _text, _hit, ctx, scope) {
    return nothingFollows(el, scope) && afterLastProse(el, ctx, scope);
  },
};
export default rule;
