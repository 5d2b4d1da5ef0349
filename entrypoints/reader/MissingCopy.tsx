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
}

/** The offline reader without its copy: why, in the reader's language, and the way to the original. */
export function MissingCopy({ kind, url, detail, t, onOpenOriginal }: MissingCopyProps) {
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
    </main>
  );
}
