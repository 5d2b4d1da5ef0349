export interface ToolbarAction {
  id: string;
  label: string;
  onClick: () => void;
  /** For toggles (the settings panel): rendered as aria-pressed. */
  pressed?: boolean;
  /** Shown as a tooltip, e.g. the keyboard shortcut. */
  hint?: string;
}

/** A row of buttons above the article. Presentational. */
export function ReaderToolbar({ actions, label }: { actions: ToolbarAction[]; label: string }) {
  return (
    <div class="reader-toolbar" role="toolbar" aria-label={label}>
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          class={`action-${action.id}`}
          onClick={action.onClick}
          aria-pressed={action.pressed === undefined ? undefined : action.pressed}
          title={action.hint}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
