// @vitest-environment jsdom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListenPanel, type ListenPanelProps } from '../../../components/listen/ListenPanel.tsx';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { useRoot } from '../../support/preact.ts';
import { localized } from '../../support/translate.ts';

const { mount } = useRoot();

/** speechSynthesis as a page sees it, speaking nothing: what was asked, and a way to end the current one. */
function fakeSpeech() {
  const spoken: { text: string; lang: string; onend: (() => void) | null }[] = [];
  const listeners: (() => void)[] = [];
  const voices = [{ voiceURI: 'fr-voice', name: 'Amélie', lang: 'fr-FR', localService: true, default: false }];
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak(utterance: { text: string; lang: string; onend: (() => void) | null }) {
      synth.speaking = true;
      spoken.push(utterance);
    },
    cancel: () => void (synth.speaking = false),
    pause: () => undefined,
    resume: () => undefined,
    addEventListener: (type: string, listener: () => void) => void listeners.push(listener),
    removeEventListener: () => undefined,
  };
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    onstart: (() => void) | null = null;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly text: string) {}
  }
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  return {
    spoken,
    /** As Chrome does a moment after the page loads: no voices at first, then "voiceschanged". */
    voicesLater() {
      const all = voices.splice(0);
      return () => {
        voices.push(...all);
        listeners.forEach((listener) => listener());
      };
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

function articleElement(): Element {
  const article = document.createElement('article');
  article.innerHTML = '<h1>Budget</h1><p>Le conseil vote. Il débat.</p><p>Le vote final aura lieu en juin.</p>';
  document.body.append(article);
  return article;
}

const props = (article: Element): ListenPanelProps => ({
  article,
  lang: 'fr',
  settings: DEFAULT_SETTINGS,
  onSettingsChange: vi.fn(),
  t: localized('fr'),
  locale: 'fr',
});

describe('ListenPanel', () => {
  it('without speech in the browser: says so, in the reader’s language', async () => {
    const root = await mount(h(ListenPanel, props(articleElement())));
    expect(root.textContent).toBe('Ce navigateur ne sait pas lire à voix haute.');
  });

  it('reads at once in the article’s language, ignores the page’s synthetic keys and clicks, and moves on by paragraph', async () => {
    const { spoken } = fakeSpeech();
    const article = articleElement();
    const root = await mount(h(ListenPanel, props(article)));
    expect(spoken.map((u) => [u.text, u.lang])).toEqual([['Budget', 'fr']]);
    await act(() => spoken[0]!.onend?.());
    expect(spoken.at(-1)?.text).toBe('Le conseil vote.');

    await act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    });
    // A synthetic key press is the page's, not the reader's: ignored.
    expect(root.querySelector('.listen-toggle')?.getAttribute('aria-pressed')).toBe('true');

    const last = article.querySelectorAll('p')[1]!;
    await act(() => {
      last.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(spoken.at(-1)?.text).not.toBe('Le vote final aura lieu en juin.'); // untrusted click: ignored too
    await act(() => root.querySelector<HTMLButtonElement>('.listen-next')!.click());
    expect(spoken.at(-1)?.text).toBe('Le vote final aura lieu en juin.');
  });

  it('opened before the system’s voices arrive, reads as soon as they do', async () => {
    const speech = fakeSpeech();
    const arrive = speech.voicesLater();
    const root = await mount(h(ListenPanel, props(articleElement())));
    expect(speech.spoken).toEqual([]);
    expect(root.querySelector('.listen-bar')?.getAttribute('data-status')).toBe('no-voice');
    await act(arrive);
    expect(speech.spoken.map((u) => u.text)).toEqual(['Budget']);
  });
});
