// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { lastSettingsSeen, rememberSettings } from '../../../platform/settings-mirror.ts';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('the last settings seen (the extension pages’ localStorage copy)', () => {
  it('is null until settings are remembered, then gives them back', () => {
    expect(lastSettingsSeen()).toBeNull();
    rememberSettings({ ...DEFAULT_SETTINGS, theme: 'dark', showCaptions: true });
    expect(lastSettingsSeen()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', showCaptions: true });
  });

  it('repairs a damaged copy, and reads the captions setting earlier versions kept alone', () => {
    localStorage.setItem('clear-reader:lastSettings', JSON.stringify({ theme: 'neon', fontSize: 'big' }));
    expect(lastSettingsSeen()).toEqual(DEFAULT_SETTINGS);
    localStorage.setItem('clear-reader:lastSettings', '{not json');
    expect(lastSettingsSeen()).toBeNull();
    localStorage.clear();
    localStorage.setItem('clear-reader:showCaptions', 'true');
    expect(lastSettingsSeen()).toEqual({ ...DEFAULT_SETTINGS, showCaptions: true });
    rememberSettings(DEFAULT_SETTINGS);
    expect(localStorage.getItem('clear-reader:showCaptions')).toBeNull();
  });

  it('does without storage: nothing remembered, nothing thrown', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('storage is off');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('storage is off');
    });
    expect(() => rememberSettings(DEFAULT_SETTINGS)).not.toThrow();
    expect(lastSettingsSeen()).toBeNull();
  });
});
