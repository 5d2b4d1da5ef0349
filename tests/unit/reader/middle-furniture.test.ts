// Middle-of-the-text furniture: a related box left with its title only, 'Lea:' and 'Siehe auch' (related-links), a caption with an icon (caption), and a caption next to its picture's inline wrapper.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

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
});
