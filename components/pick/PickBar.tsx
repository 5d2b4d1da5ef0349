import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import type { Translate } from '../../contracts/i18n.ts';

export interface PickBarProps {
  /** Picking a block, or one chosen (hidden) and waiting for its scope. */
  mode: 'picking' | 'chosen';
  /** The site a rule would be for (`journal.example`). */
  site: string;
  t: Translate;
  onLeave: () => void;
  onOnlyHere: () => void;
  onEverySite: () => void;
}

/**
 * The bar over the article in "Hide a block": how to pick while picking, then the two scopes for the block just
 * hidden. Presentational; what each choice does is the view's (entrypoints/reader-view/use-hide-blocks.ts).
 */
export function PickBar({ mode, site, t, onLeave, onOnlyHere, onEverySite }: PickBarProps) {
  // The scopes take the focus as they appear: a keyboard reader answers at once (Tab to the other one).
  const first = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useLayoutEffect(() => {
    if (mode === 'chosen') first.current?.focus({ preventScroll: true });
  }, [mode]);
  if (mode === 'picking') {
    // The keys are said once, in the status line (announced as the mode starts): here only what the mode is.
    return (
      <div class="pick-bar" role="group" aria-labelledby={titleId}>
        <p id={titleId}>{t('pickTitle')}</p>
        <button type="button" class="pick-leave" onClick={onLeave}>
          {t('pickLeave')}
        </button>
      </div>
    );
  }
  // Enter and space answer here, on keydown: Firefox (ESR 153) driven over WebDriver BiDi does not turn them into
  // a click on the view's buttons (real key presses do: tests/e2e/shortcut.e2e.ts), and the view refuses a click
  // made by script (entrypoints/reader-view). Taken here, the keys work under both.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const button = (event.target as Element | null)?.closest?.('button');
    const run = button?.classList.contains('pick-here')
      ? onOnlyHere
      : button?.classList.contains('pick-site')
        ? onEverySite
        : null;
    if (!run) return;
    event.preventDefault();
    run();
  };
  return (
    <div class="pick-bar" role="group" aria-label={t('pickScopeTitle')} onKeyDown={onKeyDown}>
      <p>{t('pickScopeQuestion')}</p>
      <button type="button" class="pick-here" onClick={onOnlyHere} ref={first}>
        {t('pickOnlyHere')}
      </button>
      <button type="button" class="pick-site" onClick={onEverySite}>
        {t('pickEverySite', [site])}
      </button>
    </div>
  );
}

export interface RefusedNoticeProps {
  refused: readonly { rule: string; reason: 'too-much-text' | 'first-paragraph' }[];
  site: string;
  t: Translate;
  onRemove: (id: string) => void;
  /** Opens the reader's rules (the options page). */
  onReview: () => void;
}

/** The reader's rules this page did not apply (they would have eaten the article), each with a way to remove it. */
export function RefusedNotice({ refused, site, t, onRemove, onReview }: RefusedNoticeProps) {
  if (!refused.length) return null;
  return (
    <div class="pick-bar pick-refused" role="group" aria-label={t('pickRefusedTitle')}>
      {refused.map(({ rule, reason }) => (
        <p key={rule}>
          {t(reason === 'first-paragraph' ? 'pickRefusedFirst' : 'pickRefusedMost', [site])}{' '}
          <button type="button" class="pick-review-rule" onClick={onReview}>
            {t('pickReviewRule')}
          </button>{' '}
          <button type="button" class="pick-remove-rule" onClick={() => onRemove(rule)}>
            {t('pickRemoveRule')}
          </button>
        </p>
      ))}
    </div>
  );
}
