import { describe, expect, it } from 'vitest';
import { plural } from '../../../contracts/i18n.ts';
import { localized, t } from '../../support/translate.ts';

const NNBSP = '\u202f';
const en = localized('en');
const fr = localized('fr');

describe('plural()', () => {
  it('picks "one" for 1 only in English', () => {
    expect(plural(en, 'en', 'importGo', 0)).toBe('Import 0 articles');
    expect(plural(en, 'en', 'importGo', 1)).toBe('Import 1 article');
    expect(plural(en, 'en', 'importGo', 2)).toBe('Import 2 articles');
  });

  it('picks "one" for 0 and 1 in French', () => {
    expect(plural(fr, 'fr', 'importGo', 0)).toBe('Importer 0 article');
    expect(plural(fr, 'fr', 'importGo', 1)).toBe('Importer 1 article');
    expect(plural(fr, 'fr', 'importGo', 2)).toBe('Importer 2 articles');
  });

  it('follows the locale’s rules for a regional tag, and English for a malformed one', () => {
    expect(plural(fr, 'fr-CA', 'valueCharacters', 0)).toBe('0 caractère');
    expect(plural(en, 'en_US', 'valueCharacters', 1)).toBe('1 character');
    expect(plural(en, 'en-GB', 'valueCharacters', 0)).toBe('0 characters');
  });

  it('groups the count the locale’s way: a narrow no-break space in French', () => {
    expect(plural(fr, 'fr', 'importGo', 1234)).toBe(`Importer 1${NNBSP}234 articles`);
    expect(plural(en, 'en', 'importGo', 1234)).toBe('Import 1,234 articles');
  });

  it('passes the other substitutions after the count', () => {
    expect(plural(en, 'en', 'importPreview', 1, 'pocket.zip', 'pocket-csv')).toBe(
      '1 article found in pocket.zip (pocket-csv).',
    );
    expect(plural(fr, 'fr', 'importPreview', 3, 'pocket.zip', 'pocket-csv')).toBe(
      '3 articles trouvés dans pocket.zip (pocket-csv).',
    );
  });

  it('agrees with the total in a message with several numbers', () => {
    expect(plural(en, 'en', 'siteRulesFit', 1, '1', '50')).toBe(
      '1 of 1 rule fits in browser sync (room for about 50).',
    );
    expect(plural(en, 'en', 'siteRulesFit', 12, '10', '10')).toBe(
      '10 of 12 rules fit in browser sync (room for about 10).',
    );
    expect(plural(fr, 'fr', 'siteRulesFit', 12, '10', '10')).toBe(
      `Règles qui tiennent dans la synchronisation du navigateur${NNBSP}: 10 sur 12 (place pour environ 10).`,
    );
  });

  it('keeps French typography in the "one" forms', () => {
    expect(plural(fr, 'fr', 'importSiteRules', 1)).toBe(
      `Le fichier contient aussi 1 règle par site${NNBSP}: elle sera fusionnée avec les vôtres.`,
    );
  });

  it('shows which form it asked the test stub for', () => {
    expect(plural(t, 'en', 'exportLeftOut', 1)).toBe('exportLeftOut_one:1');
    expect(plural(t, 'en', 'exportLeftOut', 3)).toBe('exportLeftOut:3');
  });
});
