import { Icon, type IconData } from './icons.tsx';

export interface ToolbarAction {
  id: string;
  label: string;
  onClick: () => void;
  /** For toggles (the settings panel): rendered as aria-pressed. */
  pressed?: boolean;
  /** Shown as a tooltip, e.g. the keyboard shortcut; the label when absent. */
  hint?: string;
  /** A Lucide icon (components/icons.tsx) before the label. */
  icon?: IconData;
  /** Only the icon shows; the label stays the button's accessible name and its tooltip says it. */
  iconOnly?: boolean;
  disabled?: boolean;
  /** Where it sits: the view switches on the left, the actions on the right (the default). */
  group?: 'views' | 'actions';
}

/** A compact row of buttons above the article: views on the left, actions on the right. Presentational. */
export function ReaderToolbar({ actions, label }: { actions: ToolbarAction[]; label: string }) {
  const button = (action: ToolbarAction) => (
    <button
      key={action.id}
      type="button"
      class={`action-${action.id}${action.iconOnly ? ' icon-only' : ''}`}
      onClick={action.onClick}
      disabled={action.disabled}
      aria-pressed={action.pressed === undefined ? undefined : action.pressed}
      aria-label={action.iconOnly ? action.label : undefined}
      title={action.hint ?? (action.iconOnly ? action.label : undefined)}
    >
      {action.icon && <Icon icon={action.icon} />}
      {!action.iconOnly && <span class="label">{action.label}</span>}
    </button>
  );
  const views = actions.filter((action) => action.group === 'views');
  const rest = actions.filter((action) => action.group !== 'views');
  return (
    <div class="reader-toolbar" role="toolbar" aria-label={label}>
      {views.length > 0 && <div class="toolbar-views">{views.map(button)}</div>}
      <div class="toolbar-actions">{rest.map(button)}</div>
    </div>
  );
}
