import { describe, expect, it, vi } from 'vitest';
import {
  createListenController,
  EVENT_LOG_SIZE,
  KEEP_ALIVE_MS,
  MAX_UTTERANCE_CHARS,
  pickVoice,
  planUtterances,
} from '../../../core/reader/index.ts';
import { EN, FR, FR_CA, scriptedEngine } from '../../support/speech.ts';
import type { ListenPlace, VoiceInfo } from '../../../core/reader/index.ts';

const ARTICLE = [
  'Budget : le conseil vote mardi.',
  'M. Dupont a parlé. Il a dit « non ». La séance a duré deux heures.',
  'Le vote final aura lieu en juin.',
];

describe('planUtterances', () => {
  it('one utterance a sentence, each with its paragraph and its place in it', () => {
    const plan = planUtterances(ARTICLE, 'fr');
    expect(plan.map((u) => [u.paragraph, u.text])).toEqual([
      [0, 'Budget : le conseil vote mardi.'],
      [1, 'M. Dupont a parlé.'],
      [1, 'Il a dit « non ».'],
      [1, 'La séance a duré deux heures.'],
      [2, 'Le vote final aura lieu en juin.'],
    ]);
    for (const u of plan) expect(ARTICLE[u.paragraph]!.slice(u.start, u.start + u.text.length)).toBe(u.text);
  });

  it('cuts a very long sentence at clauses, never past the limit, losing no word', () => {
    const long = Array.from({ length: 40 }, (_, i) => `clause number ${i} goes on`).join(', ') + '.';
    const plan = planUtterances([long], 'en');
    expect(plan.length).toBeGreaterThan(1);
    for (const u of plan) expect(u.text.length).toBeLessThanOrEqual(MAX_UTTERANCE_CHARS);
    expect(plan.map((u) => u.text).join(' ')).toBe(long);
  });
});

describe('pickVoice', () => {
  it('the exact language first, then the language, local voices first; the reader’s choice wins', () => {
    expect(pickVoice([FR_CA, FR, EN], 'fr-FR').voice).toBe(FR);
    expect(pickVoice([FR_CA, FR, EN], 'fr-CA').voice).toBe(FR_CA);
    expect(pickVoice([FR_CA, FR, EN], 'fr').matching).toEqual([FR, FR_CA]);
    expect(pickVoice([FR_CA, FR, EN], 'fr', 'remote-fr-ca').voice).toBe(FR_CA);
    expect(pickVoice([FR_CA, FR, EN], 'fr', 'espeak-en').voice).toBe(FR); // a choice for another language
  });

  it('no voice for the language: none chosen, none offered', () => {
    expect(pickVoice([EN], 'pl')).toEqual({ voice: null, matching: [] });
    expect(pickVoice([EN], '')).toEqual({ voice: null, matching: [] });
  });
});

describe('createListenController', () => {
  it('reads every utterance in order in the article’s language and voice, then ends', () => {
    const speech = scriptedEngine();
    const places: (ListenPlace | null)[] = [];
    const listen = createListenController({
      engine: speech.engine,
      paragraphs: ARTICLE,
      lang: 'fr',
      onPlace: (place) => places.push(place),
    });
    listen.play();
    for (let i = 0; i < 5; i++) speech.finish();
    expect(speech.texts()).toHaveLength(5);
    expect(speech.spoken.every((r) => r.lang === 'fr' && r.voiceId === 'espeak-fr')).toBe(true);
    expect(listen.state().status).toBe('ended');
    // Each utterance's place, then null: read to the end, the next Listen starts over.
    expect(places).toEqual([
      { paragraph: 0, sentence: 0 },
      { paragraph: 1, sentence: 0 },
      { paragraph: 1, sentence: 1 },
      { paragraph: 1, sentence: 2 },
      { paragraph: 2, sentence: 0 },
      null,
    ]);
  });

  it('keeps the engine’s events of its own utterances, in order, not those of cancelled ones', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.play();
    speech.spoken[0]!.onBoundary?.(8);
    speech.finish();
    const second = speech.spoken[1]!;
    listen.next(); // cancels the second: its late events are not the reading's
    second.onBoundary?.(3);
    second.onEnd();
    speech.fail('synthesis-failed');
    expect(listen.state().events).toEqual(['start 0', 'boundary 0', 'end 0', 'start 1', 'start 4', 'error 4']);
    expect(listen.state()).toMatchObject({ status: 'error', error: 'synthesis-failed' });
  });

  it('the event log keeps only the latest events (EVENT_LOG_SIZE)', () => {
    const speech = scriptedEngine();
    const long = Array.from({ length: 80 }, (_, i) => `Phrase numéro ${i}.`);
    const listen = createListenController({ engine: speech.engine, paragraphs: long, lang: 'fr' });
    listen.play();
    for (let i = 0; i < 80; i++) speech.finish();
    const { events } = listen.state();
    expect(events).toHaveLength(EVENT_LOG_SIZE);
    expect(events.at(-1)).toBe('end 79');
    expect(events[0]).toBe('start 30');
  });

  it('a browser that refuses to speak before the reader acts in the page: waits, then plays the same sentence', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.play(1);
    speech.fail('not-allowed'); // Chromium, opened from the popup: no click or key in the page yet
    expect(listen.state()).toMatchObject({ status: 'blocked', index: 1 });
    listen.toggle(); // the reader presses Listen
    expect(speech.texts()).toEqual(['M. Dupont a parlé.', 'M. Dupont a parlé.']);
    expect(listen.state().status).toBe('playing');
  });

  it('starts where the reader stopped last time; a place the article no longer has starts at the top', () => {
    const speech = scriptedEngine();
    const from = { paragraph: 1, sentence: 2 };
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr', from });
    expect(listen.state().current?.text).toBe('La séance a duré deux heures.');
    listen.play();
    expect(speech.texts()).toEqual(['La séance a duré deux heures.']);
    // A sentence past the paragraph's last is its last; an unknown paragraph is the start.
    const past = createListenController({
      engine: scriptedEngine().engine,
      paragraphs: ARTICLE,
      lang: 'fr',
      from: { paragraph: 1, sentence: 9 },
    });
    expect(past.state().current?.text).toBe('La séance a duré deux heures.');
    const gone = createListenController({
      engine: scriptedEngine().engine,
      paragraphs: ARTICLE,
      lang: 'fr',
      from: { paragraph: 7, sentence: 0 },
    });
    expect(gone.state().index).toBe(0);
  });

  it('pause stops the sound; play again starts the same sentence over', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.play();
    speech.finish();
    listen.toggle();
    expect(listen.state().status).toBe('paused');
    expect(speech.engine.speaking()).toBe(false);
    listen.toggle();
    expect(speech.texts()).toEqual(['Budget : le conseil vote mardi.', 'M. Dupont a parlé.', 'M. Dupont a parlé.']);
    expect(listen.state().status).toBe('playing');
  });

  it('a cancelled utterance’s late "end" or "interrupted" does not move the reading on', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.play();
    const first = speech.spoken[0]!;
    listen.next(); // cancels the first: "interrupted"
    first.onEnd(); // and some engines still say it ended
    expect(speech.texts()).toEqual(['Budget : le conseil vote mardi.', 'M. Dupont a parlé.']);
    expect(listen.state()).toMatchObject({ status: 'playing', index: 1 });
  });

  it('next and previous move by paragraph; previous goes back to the start of the paragraph first', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.play(1);
    speech.finish(); // now on "Il a dit « non »."
    listen.previous();
    expect(listen.state().current?.text).toBe('M. Dupont a parlé.');
    listen.previous();
    expect(listen.state().current?.paragraph).toBe(0);
    listen.next();
    listen.next();
    expect(listen.state().current?.text).toBe('Le vote final aura lieu en juin.');
    listen.next(); // past the last paragraph: the end
    expect(listen.state().status).toBe('ended');
  });

  it('clicking a paragraph starts there; speed is kept between 0.5x and 2x and applies at once', () => {
    const speech = scriptedEngine();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr', rate: 5 });
    listen.play(2);
    expect(speech.spoken.at(-1)).toMatchObject({ text: 'Le vote final aura lieu en juin.', rate: 2 });
    listen.setRate(0.1);
    expect(speech.spoken.at(-1)).toMatchObject({ text: 'Le vote final aura lieu en juin.', rate: 0.5 });
  });

  it('no voice for the language: says so, speaks nothing, and plays once the reader picks another', () => {
    const speech = scriptedEngine([EN]);
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    expect(listen.state()).toMatchObject({ status: 'no-voice', voice: null });
    listen.play();
    expect(speech.spoken).toEqual([]);
    listen.setVoice('no-such-voice');
    expect(listen.state().status).toBe('no-voice');
    listen.setVoice('espeak-en'); // the reader's choice, in another language
    listen.play();
    expect(speech.spoken[0]).toMatchObject({ voiceId: 'espeak-en', lang: 'fr' });
  });

  it('voices that arrive late (Chrome) are taken when they come', () => {
    const voices: VoiceInfo[] = [];
    const speech = scriptedEngine(voices);
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    expect(listen.state().status).toBe('no-voice');
    voices.push(FR);
    listen.refreshVoices();
    expect(listen.state()).toMatchObject({ status: 'idle', voice: FR });
  });

  it('an engine error stops the reading and says which', () => {
    const speech = scriptedEngine();
    const states: string[] = [];
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.subscribe((state) => states.push(state.status));
    listen.play();
    speech.fail('synthesis-failed');
    expect(listen.state()).toMatchObject({ status: 'error', error: 'synthesis-failed', index: 0 });
    expect(states.at(-1)).toBe('error');
    listen.play(); // trying again starts that sentence over
    expect(speech.texts()).toEqual(['Budget : le conseil vote mardi.', 'Budget : le conseil vote mardi.']);
  });

  it('keeps Chrome speaking: pause and resume every 10 s while an utterance plays, never while paused', () => {
    vi.useFakeTimers();
    try {
      const speech = scriptedEngine();
      const listen = createListenController({
        engine: speech.engine,
        paragraphs: ARTICLE,
        lang: 'fr',
        timers: globalThis,
      });
      listen.play();
      vi.advanceTimersByTime(KEEP_ALIVE_MS * 2);
      expect(speech.engine.log.filter((entry) => entry === 'pause')).toHaveLength(2);
      expect(speech.engine.log.filter((entry) => entry === 'resume')).toHaveLength(2);
      listen.pause();
      speech.engine.log.length = 0;
      vi.advanceTimersByTime(KEEP_ALIVE_MS * 3);
      expect(speech.engine.log).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('dispose silences the engine and forgets listeners (the view closed)', () => {
    const speech = scriptedEngine();
    const listener = vi.fn();
    const listen = createListenController({ engine: speech.engine, paragraphs: ARTICLE, lang: 'fr' });
    listen.subscribe(listener);
    listen.play();
    listener.mockClear();
    listen.dispose();
    expect(speech.engine.speaking()).toBe(false);
    listen.stop();
    expect(listener).not.toHaveBeenCalled();
  });
});
