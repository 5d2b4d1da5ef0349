import type { Highlight } from '../../core/reading-list/index.ts';
import type { MessageKey, Translate } from '../../contracts/i18n.ts';

/** Why the offline reader has no article to show. */
export type MissingCopyKind = 'missing' | 'unavailable' | 'damaged';

const MESSAGES: Record<MissingCopyKind, MessageKey> = {
  missing: 'readerNoCopy',
  unavailable: 'readerCopyUnavailable',
  damaged: 'readerCopyDamaged',
};

export interface MissingCopyProps {
  kind: MissingCopyKind;
  /** The saved article's address, when the list knows it. */
  url: string | null;
  /** Technical detail in English, kept out of sight (data-detail) for support. */
  detail: string;
  t: Translate;
  onOpenOriginal: (url: string) => void;
  /** The item's live highlights (an import's, say): kept, and listed here until a copy lets them be placed. */
  highlights?: readonly Highlight[];
}

/** The offline reader without its copy: why, in the reader's language, and the way to the original. */
export function MissingCopy({ kind, url, detail, t, onOpenOriginal, highlights = [] }: MissingCopyProps) {
  const web = url !== null && /^https?:\/\//i.test(url);
  return (
    <main class="view" data-state="failure" data-reason={`copy-${kind}`}>
      <p class="status failure" role="alert" data-detail={detail}>
        {t(MESSAGES[kind])}
      </p>
      {url && (
        <p class="original-link">
          {t('readerOriginalAt')}{' '}
          {web ? (
            <a
              href={url}
              rel="noopener noreferrer"
              onClick={(event) => {
                event.preventDefault();
                onOpenOriginal(url);
              }}
            >
              {url}
            </a>
          ) : (
            <span>{url}</span>
          )}
        </p>
      )}
      {highlights.length > 0 && (
        <section class="hl-section hl-unplaced" aria-labelledby="hl-section-title">
          <h2 id="hl-section-title">{t('hlSectionTitle')}</h2>
          <p class="hl-help">{t('hlNotPlacedHelp')}</p>
          <ul class="hl-items">
            {highlights.map((h) => (
              <li key={h.id} id={`hl-${h.id}`} class="hl-item" data-color={h.color}>
                <blockquote>{h.quote.exact}</blockquote>
                {h.note && <p class="hl-item-note">{h.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
