// @vitest-environment jsdom
// The frame of every clean view (ReaderShell: theme, font, sizes, toolbar) and its settings panel.
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, RANGES, type ReaderSettings } from '../../../core/reader/index.ts';
import { ReaderShell, type ReaderShellProps } from '../../../components/ReaderShell.tsx';
import { SettingsPanel } from '../../../components/SettingsPanel.tsx';
import { click as clickIn, useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const $ = (selector: string) => root().querySelector(selector);
const click = (element: Element | null) => clickIn(element, root());

const SETTINGS: ReaderSettings = {
  font: 'sans-serif',
  fontSize: 22,
  lineWidth: 80,
  lineHeight: 1.8,
  theme: 'sepia',
  showImages: false,
  showCaptions: true,
  summaryOpen: false,
  listenRate: 0.75,
  listenVoices: { en: 'espeak-en' },
};

describe('ReaderShell', () => {
  function shell(overrides: Partial<ReaderShellProps> = {}) {
    const props: ReaderShellProps = {
      settings: SETTINGS,
      t,
      locale: 'en',
      actions: [],
      settingsOpen: false,
      settingsError: null,
      onSettingsChange: vi.fn(),
      children: h('p', { class: 'child' }, 'the view'),
      ...overrides,
    };
    return { props, mounted: mount(h(ReaderShell, props)) };
  }

  it('gives .reader the theme, the font, the images switch and the sizes', async () => {
    await shell().mounted;
    const reader = $('.reader') as HTMLElement;
    expect(reader.getAttribute('data-theme')).toBe('sepia');
    expect(reader.getAttribute('data-font')).toBe('sans-serif');
    expect(reader.getAttribute('data-images')).toBe('hidden');
    expect(reader.style.getPropertyValue('--reader-font-size')).toBe('22px');
    expect(reader.style.getPropertyValue('--reader-line-width')).toBe('80ch');
    expect(reader.style.getPropertyValue('--reader-line-height')).toBe('1.8');
    expect(reader.querySelector('.child')?.textContent).toBe('the view');
  });

  it('follows new settings', async () => {
    await shell().mounted;
    await shell({ settings: { ...DEFAULT_SETTINGS, theme: 'dark' } }).mounted;
    const reader = $('.reader') as HTMLElement;
    expect(reader.getAttribute('data-theme')).toBe('dark');
    expect(reader.getAttribute('data-font')).toBe('serif');
    expect(reader.getAttribute('data-images')).toBe('shown');
    expect(reader.style.getPropertyValue('--reader-font-size')).toBe('18px');
    expect(reader.style.getPropertyValue('--reader-line-height')).toBe('1.6');
  });

  it('renders the toolbar actions', async () => {
    const onClick = vi.fn();
    await shell({ actions: [{ id: 'settings', label: 'Settings', onClick, pressed: false, hint: 'Alt+S' }] }).mounted;
    expect($('[role="toolbar"]')?.getAttribute('aria-label')).toBe('toolbarLabel');
    const button = $('.action-settings');
    expect(button?.getAttribute('aria-pressed')).toBe('false');
    expect(button?.getAttribute('title')).toBe('Alt+S');
    click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows the settings panel only when it is open, with the save error', async () => {
    await shell({ settingsOpen: false, settingsError: 'quota' }).mounted;
    expect($('form.settings')).toBeNull();
    expect($('[role="alert"]')).toBeNull();

    const { props, mounted } = shell({ settingsOpen: true, settingsError: 'quota' });
    await mounted;
    expect($('form.settings')).not.toBeNull();
    expect($('[role="alert"]')?.textContent).toBe('settingsNotSaved:reasonQuota');
    click($('.setting-fontSize .increase'));
    expect(props.onSettingsChange).toHaveBeenCalledWith({ ...SETTINGS, fontSize: 23 });
  });
});

describe('SettingsPanel', () => {
  function panel(settings: ReaderSettings = SETTINGS, error?: string | null, locale = 'en') {
    const onChange = vi.fn<(next: ReaderSettings) => void>();
    return { onChange, mounted: mount(h(SettingsPanel, { settings, t, locale, onChange, error })) };
  }

  it('checks the current choices', async () => {
    await panel().mounted;
    expect(($('input[name="theme"][value="sepia"]') as HTMLInputElement).checked).toBe(true);
    expect(($('input[name="theme"][value="dark"]') as HTMLInputElement).checked).toBe(false);
    expect(($('input[name="font"][value="sans-serif"]') as HTMLInputElement).checked).toBe(true);
    expect(($('input[name="showImages"]') as HTMLInputElement).checked).toBe(false);
    expect(($('input[name="showCaptions"]') as HTMLInputElement).checked).toBe(true);
    expect($('.setting-fontSize .value')?.textContent).toBe('valuePixels:22');
    expect($('.setting-lineWidth .value')?.textContent).toBe('valueCharacters:80');
    expect($('.setting-lineHeight .value')?.textContent).toBe('1.8');
  });

  it('writes numbers the French way in French: a decimal comma, the width in characters', async () => {
    await panel({ ...SETTINGS, lineHeight: 1.6, lineWidth: 70 }, null, 'fr').mounted;
    expect($('.setting-lineHeight .value')?.textContent).toBe('1,6');
    expect($('.setting-lineWidth .value')?.textContent).toBe('valueCharacters:70');
  });

  it('names each stepper button after its setting, through a message (no hard-coded colon)', async () => {
    await panel().mounted;
    expect($('.setting-lineWidth .decrease')?.getAttribute('aria-label')).toBe('settingDecrease:settingLineWidth');
  });

  it('switches to the dark theme', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    await act(() => ($('input[name="theme"][value="dark"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, theme: 'dark' });
  });

  it('switches the font', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    await act(() => ($('input[name="font"][value="serif"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, font: 'serif' });
  });

  it('makes the text one step larger or smaller', async () => {
    const { onChange, mounted } = panel();
    await mounted;
    const increase = $('.setting-fontSize .increase') as HTMLButtonElement;
    expect(increase.getAttribute('aria-label')).toBe('settingIncrease:settingTextSize');
    expect(increase.disabled).toBe(false);
    increase.click();
    expect(onChange).toHaveBeenLastCalledWith({ ...SETTINGS, fontSize: 23 });
    ($('.setting-fontSize .decrease') as HTMLButtonElement).click();
    expect(onChange).toHaveBeenLastCalledWith({ ...SETTINGS, fontSize: 21 });
  });

  it('cannot make the text larger than the largest size, nor smaller than the smallest', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, fontSize: RANGES.fontSize.max });
    await mounted;
    const increase = $('.setting-fontSize .increase') as HTMLButtonElement;
    expect(increase.disabled).toBe(true);
    increase.click();
    expect(onChange).not.toHaveBeenCalled();
    expect(($('.setting-fontSize .decrease') as HTMLButtonElement).disabled).toBe(false);

    await panel({ ...SETTINGS, fontSize: RANGES.fontSize.min }).mounted;
    expect(($('.setting-fontSize .decrease') as HTMLButtonElement).disabled).toBe(true);
    expect(($('.setting-fontSize .increase') as HTMLButtonElement).disabled).toBe(false);
  });

  it('steps the line spacing without floating-point noise', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, lineHeight: 1.6 });
    await mounted;
    ($('.setting-lineHeight .increase') as HTMLButtonElement).click();
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, lineHeight: 1.7 });
  });

  it('turns captions off', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, showCaptions: true });
    await mounted;
    await act(() => ($('input[name="showCaptions"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, showCaptions: false });
  });

  it('turns images on', async () => {
    const { onChange, mounted } = panel({ ...SETTINGS, showImages: false });
    await mounted;
    await act(() => ($('input[name="showImages"]') as HTMLInputElement).click());
    expect(onChange).toHaveBeenCalledWith({ ...SETTINGS, showImages: true });
  });

  it('says when the settings could not be saved', async () => {
    await panel(SETTINGS, null).mounted;
    expect($('[role="alert"]')).toBeNull();
    await panel(SETTINGS, 'QUOTA_BYTES_PER_ITEM quota exceeded').mounted;
    expect($('[role="alert"]')?.textContent).toBe('settingsNotSaved:reasonQuota');
  });

  it('never submits the form (Enter in a field would reload the view)', async () => {
    await panel().mounted;
    const event = new Event('submit', { bubbles: true, cancelable: true });
    $('form.settings')?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
