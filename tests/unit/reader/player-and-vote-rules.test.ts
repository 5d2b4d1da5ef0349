// The player's fallback message and the vote counter, in every language the rules list, and the text they leave.
import { describe, expect, it } from 'vitest';
import { RULES, extractArticle } from '../../../core/reader/index.ts';
import { articlePage, page } from '../../support/dom.ts';

const removedBy = (id: string, body: string, lang = 'en'): string[] => {
  const result = extractArticle(page(articlePage(body, { lang })), 'https://news.example/a');
  if (!result.ok) throw new Error(result.message);
  return result.article.removed.filter((r) => r.rule === id).map((r) => r.text);
};

const rule = (id: string) => {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const paragraph = page('<p>x</p>').querySelector('p')!;
const matches = (id: string, text: string, el: Element = paragraph) =>
  rule(id).match(el, text, { markup: false }, null as never, null as never) !== false;

describe('player-fallback', () => {
  it.each([
    'Media playback is unsupported on your device',
    'Media playback is not supported on this device',
    'Your browser does not support the video tag.',
    "Sorry, your browser doesn't support embedded videos.",
    'Votre navigateur ne prend pas en charge la lecture de vidéos HTML5.',
    "La lecture de ce contenu multimédia n'est pas prise en charge par votre appareil",
    'Ihr Browser unterstützt kein HTML5-Video.',
    'Die Medienwiedergabe wird auf Ihrem Gerät nicht unterstützt',
    'La reproducción de este formato multimedia no es compatible con tu dispositivo',
    'Tu navegador no soporta video HTML5.',
    'Ваше устройство не поддерживает воспроизведение мультимедиа',
    'К сожалению, ваш браузер не поддерживает HTML5 видео.',
  ])('knows %j', (text) => {
    expect(matches('player-fallback', text)).toBe(true);
  });

  it.each([
    'The company said video playback is not supported on older devices.',
    'Your browser history is not private.',
    'Media playback on your device is a big topic. We tested five phones.',
    'This video shows the police stopping a car on your street',
    'Si vous voyez ce message, votre navigateur ne prend pas en charge la vidéo.',
    'Ваш браузер устарел',
  ])('leaves %j', (text) => {
    expect(matches('player-fallback', text)).toBe(false);
  });

  it('removes the message block, not the paragraph that talks about players', () => {
    const body =
      '<div class="player"><p>Media playback is unsupported on your device</p></div>' +
      '<p>The broadcaster said that media playback is unsupported on your device if it is older than five years, and apologised to viewers who could not watch the debate.</p>';
    expect(removedBy('player-fallback', body)).toEqual(['Media playback is unsupported on your device']);
  });
});

describe('vote-counter', () => {
  it.each([
    'Голосов: 12',
    '(Голосов: 1, в среднем: 5,00 из 5)',
    '[Всего: 2 Средний: 4.5]',
    'Средняя оценка 4.7 / 5. Количество оценок: 3',
    'Оценок пока нет. Поставьте оценку первым.',
    '(Пока оценок нет)',
    '4.5/5 (12 votes)',
    '5 from 7 votes',
    'Average rating 4.7 / 5. Vote count: 3',
    'No votes so far! Be the first to rate this post.',
    'Note moyenne 4.7 / 5. Nombre de votes : 3',
    "Aucun vote pour l'instant ! Soyez le premier à noter ce contenu.",
    '(95 Stimmen: 4,73 von 5)',
    '3 von 5, (1 Bewertung)',
    'Durchschnitt: 4.6 (7 Bewertungen)',
    'Durchschnittliche Bewertung 4.7 / 5. Anzahl Bewertungen: 3',
    'Promedio de puntuación 4.7 / 5. Recuento de votos: 3',
    'Valoración: 4,2 de 5 (18 votos)',
  ])('knows %j', (text) => {
    expect(matches('vote-counter', text)).toBe(true);
  });

  it.each([
    'The bill passed with 52 votes.',
    'Votes are still being counted',
    // A review's own verdict is the article's: an average without a count of votes stays.
    'Rating: 4/5',
    '4/5',
    'Note : 8/10',
    '4 out of 5 dentists agree',
    'Total: 12',
  ])('leaves %j', (text) => {
    expect(matches('vote-counter', text)).toBe(false);
  });

  it('leaves a list of results ("12 votes" as a list item) unless it is marked as a rating', () => {
    const item = page('<ul><li>x</li></ul>').querySelector('li')!;
    expect(matches('vote-counter', '1,204 votes', item)).toBe(false);
    item.className = 'post-ratings';
    expect(matches('vote-counter', '1,204 votes', item)).toBe(true);
  });

  it('removes a counter with its stars, each time the widget prints it', () => {
    const widget =
      '<div class="post-ratings"><img src="/star.gif" alt="1"><img src="/star.gif" alt="2"> (<strong>95</strong> Stimmen: <strong>4,73</strong> von 5)</div>';
    expect(removedBy('vote-counter', `${widget}<p>Ein letzter Absatz.</p>${widget}`, 'de')).toEqual([
      '(95 Stimmen: 4,73 von 5)',
      '(95 Stimmen: 4,73 von 5)',
    ]);
  });
});
