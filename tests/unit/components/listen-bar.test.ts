// @vitest-environment jsdom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ListenBar } from '../../../components/listen/ListenBar.tsx';
import { rangeIn, readableBlocks } from '../../../components/listen/article-blocks.ts';
import { createListenController, type ListenController } from '../../../core/reader/index.ts';
import { useRoot } from '../../support/preact.ts';
import { EN, FR, scriptedEngine } from '../../support/speech.ts';
import { localized } from '../../support/translate.ts';

const { mount, rerender } = useRoot();

describe('the article as Listen reads it', () => {
  const article = () => {
    const root = document.createElement('article');
    root.innerHTML = `<header><h1>Budget vote</h1><p class="meta"><span>City News</span></p></header>
      <section class="summary"><ul><li>A key point.</li></ul></section>
      <p>The council <a href="/vote">voted</a> on <em>Tuesday</em>. It took two hours.</p>
      <ul><li><p>One point.</p></li><li>Another point.</li></ul>
      <figure><img alt=""><figcaption>A caption.</figcaption></figure>
      <p hidden>Hidden text.</p><p>   </p>`;
    return root;
  };

  it('every block with text once, in order, headings and list items too, nothing hidden, no meta or summary', () => {
    expect(readableBlocks(article()).map((block) => block.textContent?.trim())).toEqual([
      'Budget vote',
      'The council voted on Tuesday. It took two hours.',
      'One point.',
      'Another point.',
      'A caption.',
    ]);
  });

  it('a sentence’s place across links and emphasis is a range of exactly its text', () => {
    const block = readableBlocks(article())[1]!;
    const text = block.textContent ?? '';
    const sentence = 'voted on Tuesday. It';
    expect(rangeIn(block, text.indexOf(sentence), sentence.length)?.toString()).toBe(sentence);
    expect(rangeIn(block, text.length + 5, 3)).toBeNull();
  });
});

describe('ListenBar', () => {
  const paragraphs = ['Budget : le conseil vote mardi.', 'La séance a duré deux heures.'];

  async function showBar(listen: ListenController, locale: 'en' | 'fr', languageName: string) {
    const props = {
      controller: listen,
      allVoices: [FR, EN],
      languageName,
      rate: 1,
      t: localized(locale),
      locale,
      onRate: vi.fn(),
      onVoice: vi.fn(),
    };
    const root = await mount(h(ListenBar, { ...props, state: listen.state() }));
    listen.subscribe((state) => void rerender(h(ListenBar, { ...props, state })));
    return { root, props };
  }

  it('plays and pauses with one button, and says which paragraph it reads, in the reader’s language', async () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs, lang: 'fr' });
    const { root } = await showBar(listen, 'fr', 'français');
    const toggle = root.querySelector<HTMLButtonElement>('.listen-toggle')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await act(() => toggle.click());
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Lecture à voix haute du paragraphe 1');
    await act(() => speech.finish());
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Lecture à voix haute du paragraphe 2');
    await act(() => toggle.click());
    expect(root.querySelector('[role="status"]')?.textContent).toBe('En pause au paragraphe 2');
  });

  it('no voice for the article’s language: says so by name and offers every other voice', async () => {
    const speech = scriptedEngine([EN]);
    const listen = createListenController({ engine: speech.engine, paragraphs, lang: 'fr' });
    const { root, props } = await showBar(listen, 'en', 'French');
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/^This system has no French voice\./);
    expect(root.querySelector<HTMLButtonElement>('.listen-toggle')?.disabled).toBe(true);
    const options = Array.from(root.querySelectorAll('.listen-voice option'), (option) => option.textContent);
    expect(options).toEqual(['Choose a voice', 'French (France) (fr-FR)', 'English (America) (en-US)']);
    const select = root.querySelector<HTMLSelectElement>('.listen-voice select')!;
    select.value = EN.id;
    await act(() => {
      select.dispatchEvent(new Event('change'));
    });
    expect(props.onVoice).toHaveBeenCalledWith(EN.id);
  });
});
