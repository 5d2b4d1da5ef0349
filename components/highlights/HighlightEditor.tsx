// One highlight, opened: its note (edited and saved), its colour, and delete. A non-modal dialog beside the
// text it belongs to; Escape closes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '../../core/reading-list/index.ts';
import type { Translate } from '../../contracts/i18n.ts';
import { Icon, Trash2 } from '../icons.tsx';
import { COLOR_KEY } from './useArticleHighlights.ts';

export interface HighlightEditorProps {
  highlight: Highlight;
  style: Record<string, string>;
  /** The note field takes the focus (the reader asked for a note); else the dialog itself does. */
  focusNote: boolean;
  t: Translate;
  onColor: (color: HighlightColor) => void;
  /** Resolves false when the note could not be stored: the text stays in the field. */
  onNote: (note: string) => Promise<boolean>;
  onDelete: () => void;
  onClose: () => void;
}

export function HighlightEditor(props: HighlightEditorProps) {
  const { highlight, t } = props;
  const [note, setNote] = useState(highlight.note);
  const dialog = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const changed = note.trim() !== highlight.note;

  useEffect(() => {
    // Focus goes back where it was when the panel closes: removed with the focus inside, it would leave it on
    // the page's body, out of a shadow root's keys (the in-page view's H, N, A, F).
    const panel = dialog.current;
    const tree = panel?.getRootNode() as Document | ShadowRoot | undefined;
    const before = tree?.activeElement;
    if (props.focusNote) field.current?.focus();
    else panel?.focus();
    return () => {
      const now = tree?.activeElement;
      const lost = !now || now === document.body || panel?.contains(now);
      if (lost && before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
    };
  }, []);

  const save = async () => {
    if (changed && (await props.onNote(note)) && !note.trim()) setNote('');
  };
  /** Closed with a note not saved yet: saved first; left open (the text still there) when that fails. */
  const close = async () => {
    if (!changed || (await props.onNote(note))) props.onClose();
  };
  // Closed from elsewhere (a click on other text): what was typed is saved, not dropped.
  const latest = useRef({ note, changed, onNote: props.onNote });
  latest.current = { note, changed, onNote: props.onNote };
  useEffect(
    () => () => {
      if (latest.current.changed) void latest.current.onNote(latest.current.note);
    },
    [],
  );

  return (
    <div
      ref={dialog}
      class="hl-editor"
      role="dialog"
      aria-label={t('hlEditor')}
      tabIndex={-1}
      style={props.style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          void close();
        }
      }}
    >
      <div class="hl-colors" role="group" aria-label={t('hlColorLabel')}>
        {HIGHLIGHT_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            class={`hl-swatch hl-${color}`}
            aria-label={t(COLOR_KEY[color])}
            title={t(COLOR_KEY[color])}
            aria-pressed={highlight.color === color}
            onClick={() => props.onColor(color)}
          />
        ))}
        <button
          type="button"
          class="hl-delete"
          title={t('hlDelete')}
          aria-label={t('hlDelete')}
          onClick={() => {
            // A note written after the deletion would bring the highlight back (model.ts): none is sent.
            latest.current.changed = false;
            props.onDelete();
          }}
        >
          <Icon icon={Trash2} size={16} />
        </button>
      </div>
      <label class="hl-note-label">
        {t('hlNote')}
        <textarea
          ref={field}
          class="hl-note-field"
          rows={3}
          placeholder={t('hlNotePlaceholder')}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Ctrl+Enter saves, as in most note fields.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
          }}
        />
      </label>
      <div class="hl-editor-actions">
        <button type="button" class="hl-save-note" disabled={!changed} onClick={() => void save()}>
          {t('hlSaveNote')}
        </button>
        <button type="button" class="hl-close" onClick={() => void close()}>
          {t('hlClose')}
        </button>
      </div>
    </div>
  );
}
