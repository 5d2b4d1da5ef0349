import { describe, expect, it } from 'vitest';
import { filterItems, foldForSearch, searchTokens } from '../../../core/reading-list/search.ts';
import type { SavedItem } from '../../../core/reading-list/types.ts';

function item(id: string, extra: Partial<SavedItem> = {}): SavedItem {
  return {
    id,
    url: `https://example.com/${id}`,
    title: 'Sans titre',
    site: null,
    lang: 'fr',
    excerpt: '',
    addedAt: 0,
    updatedAt: 0,
    state: 'unread',
    favourite: false,
    tags: [],
    progress: 0,
    deleted: false,
    localOnly: false,
    ...extra,
  };
}

const ITEMS = [
  item('a', { title: 'La réforme des retraites : ce qui change', site: 'Le Monde', tags: ['Politique'] }),
  item('b', { title: 'Œuvres d’art : le marché s’effondre', site: 'Libération', state: 'archived', favourite: true }),
  item('c', { title: 'Climate talks collapse in Bonn', site: 'The Guardian', tags: ['climat', 'à lire'] }),
  item('d', { title: 'Deleted one', deleted: true }),
  item('e', { title: 'Résumé de la semaine', site: 'Franceinfo', localOnly: true, state: 'archived' }),
];
const ids = (list: SavedItem[]) => list.map((i) => i.id);

describe('foldForSearch', () => {
  it('ignores case, accents, ligatures and apostrophe styles', () => {
    expect(foldForSearch('  Élysée  ŒUVRE   Straße l’état ')).toBe("elysee oeuvre strasse l'etat");
  });
});

describe('filterItems', () => {
  it('finds words in titles, sites and tags, whatever the case and accents', () => {
    expect(ids(filterItems(ITEMS, { query: 'REFORME' }))).toEqual(['a']);
    expect(ids(filterItems(ITEMS, { query: 'oeuvres' }))).toEqual(['b']);
    expect(ids(filterItems(ITEMS, { query: 'liberation' }))).toEqual(['b']);
    expect(ids(filterItems(ITEMS, { query: 'politique' }))).toEqual(['a']);
    expect(ids(filterItems(ITEMS, { query: 'a lire' }))).toEqual(['c']);
    expect(ids(filterItems(ITEMS, { query: 'resume' }))).toEqual(['e']);
    expect(ids(filterItems(ITEMS, { query: 'ref' }))).toEqual(['a']); // as you type
  });

  it('needs every word, each anywhere', () => {
    expect(ids(filterItems(ITEMS, { query: 'monde retraites' }))).toEqual(['a']);
    expect(ids(filterItems(ITEMS, { query: 'monde climate' }))).toEqual([]);
  });

  it('filters by state, favourites, tag and where the item lives; never shows deleted ones', () => {
    expect(ids(filterItems(ITEMS, {}))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(filterItems(ITEMS, { state: 'all' }))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(filterItems(ITEMS, { state: 'archived' }))).toEqual(['b', 'e']);
    expect(ids(filterItems(ITEMS, { state: 'unread' }))).toEqual(['a', 'c']);
    expect(ids(filterItems(ITEMS, { favourite: true }))).toEqual(['b']);
    expect(ids(filterItems(ITEMS, { tag: 'Climat' }))).toEqual(['c']);
    expect(ids(filterItems(ITEMS, { tag: 'clim' }))).toEqual([]); // a tag is matched whole
    expect(ids(filterItems(ITEMS, { localOnly: true }))).toEqual(['e']);
    expect(ids(filterItems(ITEMS, { state: 'archived', query: 'marche' }))).toEqual(['b']);
  });

  it('searches the saved text only for words the metadata lacks', () => {
    const texts: Record<string, string> = {
      a: searchTokens('Le gouvernement présente son projet de loi au Conseil des ministres.'),
      c: searchTokens('Negotiators left without agreement.'),
    };
    const asked: string[] = [];
    const textOf = (id: string) => {
      asked.push(id);
      return texts[id];
    };
    expect(ids(filterItems(ITEMS, { query: 'ministres' }, textOf))).toEqual(['a']);
    expect(asked.sort()).toEqual(['a', 'b', 'c', 'e']);
    asked.length = 0;
    expect(ids(filterItems(ITEMS, { query: 'retraites conseil' }, textOf))).toEqual(['a']);
    expect(ids(filterItems(ITEMS, { query: 'retraites' }, textOf))).toEqual(['a']);
    expect(ids(filterItems(ITEMS, { query: 'ministres' }))).toEqual([]); // no texts given
  });
});

describe('searchTokens', () => {
  it('keeps each folded word once, up to a size', () => {
    expect(searchTokens('Le chat, LE CHAT et l’âne.')).toBe("le chat et l'ane");
    expect(searchTokens('a b c d e f', 6)).toBe('a b c');
  });
});
