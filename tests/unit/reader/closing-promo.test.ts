// closing-promo's words: membership appeals after the last paragraph of prose.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const clean = (body: string) => removedBy('closing-promo', body);

describe('closing-promo', () => {
  it('removes a membership appeal after the article', () => {
    expect(clean(`<p>${PROSE}</p><p><strong>HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS</strong></p>`)).toEqual([
      'HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS',
    ]);
  });

  it('keeps the same words before the last paragraph of prose', () => {
    expect(clean(`<p>Become a member of the club today.</p><p>${PROSE}</p>`)).toEqual([]);
  });
});
