// Middle-of-the-text furniture: consent placeholders of held-back embeds (embed-consent), a related box left with its
// title only (related-links), a caption with an icon (caption), and a caption next to its picture's inline wrapper.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

describe('embed-consent', () => {
  const clean = (body: string) => removedBy('embed-consent', body);

  it.each([
    'Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine Verbindung zu Twitter her. Hier kannst du deine Einstellungen verwalten, um eine Verbindung zu den Social-Media-Kanälen herzustellen.',
    'Um Deine persönlichen Daten zu schützen, haben wir das automatische Laden der Inhalte von twitter.com blockiert. Wenn Dir Inhalte dieses Anbieters angezeigt werden sollen, stimme bitte den Bedingungen zu.',
    "By loading the video, you agree to YouTube's privacy policy.",
    'En chargeant la vidéo, vous acceptez la politique de confidentialité de YouTube.',
    'Al cargar el vídeo, aceptas la política de privacidad de YouTube.',
  ])('removes the notice "%s" between paragraphs', (notice) => {
    const removed = clean(`<p>${PROSE}</p><div><p>${notice}</p></div><p>${PROSE}</p>`);
    expect(removed).toHaveLength(1); // recorded cut at 160 characters
    expect(notice.startsWith(removed[0]!.replace(/…$/, ''))).toBe(true);
  });

  it('removes the placeholder title and button', () => {
    const box = '<div><h3>Externer Inhalt</h3><p><a href="/x">Twitter freischalten</a></p></div>';
    expect(clean(`<p>${PROSE}</p>${box}<p>${PROSE}</p>`)).toEqual(['Externer Inhalt', 'Twitter freischalten']);
  });

  it('keeps paragraphs about privacy, consent or a platform that do not ask the reader', () => {
    const body =
      '<p>Twitter hat nach Angaben der Datenschutzbehörde personenbezogene Daten von Nutzern ohne deren Zustimmung an Werbefirmen weitergegeben.</p>' +
      '<p>The regulator said the company loaded tracking cookies before users could give their consent.</p>' +
      `<p>${PROSE}</p>`;
    expect(clean(body)).toEqual([]);
  });

  it('never takes a box that holds a paragraph of the article with the notice', () => {
    const box = `<div><p>Der Verkehrsclub kommentierte das auf Twitter.</p><p>Mit dem Laden des Tweets akzeptieren Sie die Datenschutzerklärung von Twitter.</p></div>`;
    expect(clean(`<p>${PROSE}</p>${box}`)).toEqual([
      'Mit dem Laden des Tweets akzeptieren Sie die Datenschutzerklärung von Twitter.',
    ]);
  });
});

describe('related-links on a box left with its title', () => {
  it('removes a related box holding its heading only, not a heading of the article', () => {
    const body =
      `<p>${PROSE}</p><section class="relatedlinks"><div><h2><span>Entdecken Sie jetzt</span></h2></div></section>` +
      `<h2>Baubeginn im Frühjahr</h2><p>${PROSE}</p>`;
    expect(removedBy('related-links', body)).toEqual(['Entdecken Sie jetzt']);
  });

  it('removes "Lea: <link>" and "Siehe auch", not a sentence that starts with the word or a name alone', () => {
    const body =
      `<p>${PROSE}</p><p><strong>Lea: <a href="/oea">Consejo Permanente de OEA aborda la confiscación</a></strong></p>` +
      '<p>Siehe auch</p><p>Lea el informe completo en la página del ministerio, publicado ayer.</p><p>Lea</p>';
    expect(removedBy('related-links', body)).toEqual([
      'Lea: Consejo Permanente de OEA aborda la confiscación',
      'Siehe auch',
    ]);
  });
});

describe('caption', () => {
  it('removes a figcaption that carries an icon, never one that holds a picture', () => {
    const icon = '<span><svg viewBox="0 0 10 10"><path d="M0 0h10z"></path></svg></span>';
    const body =
      `<figure><img src="/a.jpg" alt=""><figcaption>${icon} Striking staff last year. Photograph: Jane Doe</figcaption></figure>` +
      `<figure><figcaption><img src="/b.jpg" alt=""> A chart</figcaption></figure><p>${PROSE}</p>`;
    expect(removedBy('caption', body)).toEqual(['Striking staff last year. Photograph: Jane Doe']);
  });

  it('removes an unmarked caption that opens with a figure label, not a sentence about a figure', () => {
    const body =
      '<div><img src="/a.png" alt=""><span>Abbildung: Vergleich auf dem Aletschgletscher.</span></div>' +
      `<p>Figure skating returns to the city rink this winter.</p><p>${PROSE}</p>`;
    expect(removedBy('caption', body)).toEqual(['Abbildung: Vergleich auf dem Aletschgletscher.']);
  });

  it("sees a caption beside its picture's inline wrapper, which holds blanks only", () => {
    const body =
      '<p><span><span> <a href="/big.jpg"> <img src="/a.jpg" alt=""> </a> </span>' +
      `<span class="rte-image--imageCaption"> Das Hermelin im Winter. (mlharing / iStock.com) </span></span></p><p>${PROSE}</p>`;
    expect(removedBy('caption', body)).toEqual(['Das Hermelin im Winter. (mlharing / iStock.com)']);
  });
});
