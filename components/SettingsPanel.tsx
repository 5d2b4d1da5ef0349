import { FONTS, RANGES, THEMES, stepSetting, type ReaderSettings } from '../core/reader/index.ts';
import { plural, type MessageKey, type Translate } from '../contracts/i18n.ts';
import { describeError } from '../contracts/error-reasons.ts';
import { localeFormat } from '../core/util/index.ts';

const FONT_LABELS: Record<ReaderSettings['font'], MessageKey> = {
  serif: 'fontSerif',
  'sans-serif': 'fontSans',
  system: 'fontSystem',
};
const THEME_LABELS: Record<ReaderSettings['theme'], MessageKey> = {
  auto: 'themeAuto',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
};

export interface SettingsPanelProps {
  settings: ReaderSettings;
  t: Translate;
  /** The interface's language, for numbers ("1,6" in French). */
  locale: string;
  onChange: (settings: ReaderSettings) => void;
  /** Why the last change could not be stored (sync quota, write limits), if it could not. */
  error?: string | null;
}

/** Reader settings: font, size, width, spacing, theme, images and captions. Presentational. */
export function SettingsPanel({ settings, t, locale, onChange, error }: SettingsPanelProps) {
  const format = localeFormat(locale);
  const stepper = (key: keyof typeof RANGES, labelKey: MessageKey, shown: string) => {
    const range = RANGES[key];
    return (
      <fieldset class={`setting-${key}`}>
        <legend>{t(labelKey)}</legend>
        <div class="stepper">
          <button
            type="button"
            class="decrease"
            aria-label={t('settingDecrease', [t(labelKey)])}
            disabled={settings[key] <= range.min}
            onClick={() => onChange(stepSetting(settings, key, -1))}
          >
            −
          </button>
          <output class="value">{shown}</output>
          <button
            type="button"
            class="increase"
            aria-label={t('settingIncrease', [t(labelKey)])}
            disabled={settings[key] >= range.max}
            onClick={() => onChange(stepSetting(settings, key, 1))}
          >
            +
          </button>
        </div>
      </fieldset>
    );
  };

  return (
    <form class="settings" aria-label={t('settings')} onSubmit={(event) => event.preventDefault()}>
      <fieldset class="setting-font">
        <legend>{t('settingFont')}</legend>
        <div class="choices">
          {FONTS.map((font) => (
            <label key={font}>
              <input
                type="radio"
                name="font"
                value={font}
                checked={settings.font === font}
                onChange={() => onChange({ ...settings, font })}
              />
              {t(FONT_LABELS[font])}
            </label>
          ))}
        </div>
      </fieldset>
      {stepper('fontSize', 'settingTextSize', t('valuePixels', [format.integer(settings.fontSize)]))}
      {stepper('lineWidth', 'settingLineWidth', plural(t, locale, 'valueCharacters', settings.lineWidth))}
      {stepper('lineHeight', 'settingLineHeight', format.decimal(settings.lineHeight, 1))}
      <fieldset class="setting-theme">
        <legend>{t('settingTheme')}</legend>
        <div class="choices">
          {THEMES.map((theme) => (
            <label key={theme}>
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => onChange({ ...settings, theme })}
              />
              {t(THEME_LABELS[theme])}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class="setting-display">
        <legend>{t('settingDisplay')}</legend>
        <div class="choices">
          <label>
            <input
              type="checkbox"
              name="showImages"
              checked={settings.showImages}
              onChange={(event) => onChange({ ...settings, showImages: event.currentTarget.checked })}
            />
            {t('settingShowImages')}
          </label>
          <label>
            <input
              type="checkbox"
              name="showCaptions"
              checked={settings.showCaptions}
              onChange={(event) => onChange({ ...settings, showCaptions: event.currentTarget.checked })}
            />
            {t('settingShowCaptions')}
          </label>
        </div>
      </fieldset>
      {error && (
        <p class="error" role="alert" data-detail={error}>
          {t('settingsNotSaved', [describeError(t, error)])}
        </p>
      )}
    </form>
  );
}
