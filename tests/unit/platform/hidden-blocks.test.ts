// Blocks the reader hid "only here" (platform/hidden-blocks.ts) in storage.local, with WXT's fake browser.
import { describe, expect, it, vi } from 'vitest';

async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  return { fakeBrowser, hidden: await import('../../../platform/hidden-blocks.ts') };
}

describe('blocks hidden only here', () => {
  it('keeps blocks per article, shows them again, and forgets an article with none left', async () => {
    const { hidden, fakeBrowser } = await fresh();
    const url = 'https://www.echo-des-dunes.example/actualites/x/';
    await hidden.hideBlockHere(url, { tag: 'div', start: 'Offre d’été' });
    await hidden.hideBlockHere(url, { tag: 'div', start: 'Offre d’été' }); // once only
    await hidden.hideBlockHere(url, { tag: 'p', start: 'Lire aussi' });
    expect(await hidden.loadHiddenBlocks(url)).toEqual([
      { tag: 'div', start: 'Offre d’été' },
      { tag: 'p', start: 'Lire aussi' },
    ]);
    expect(await hidden.loadHiddenBlocks('https://other.example/')).toEqual([]);
    await hidden.showBlockHere(url, { tag: 'div', start: 'Offre d’été' });
    await hidden.showBlockHere(url, { tag: 'p', start: 'Lire aussi' });
    expect(await hidden.loadHiddenBlocks(url)).toEqual([]);
    expect((await fakeBrowser.storage.local.get(hidden.HIDDEN_BLOCKS_KEY))[hidden.HIDDEN_BLOCKS_KEY]).toEqual({});
  });
});
