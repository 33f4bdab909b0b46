import { expect } from '@open-wc/testing';
import { loadSearch, loadedSearch } from '../src/search-loader.js';

describe('loadSearch', () => {
  it('imports the search engine once for the page and gives the working module', async () => {
    expect(loadedSearch()).to.equal(undefined);
    const first = loadSearch();
    expect(loadSearch()).to.equal(first);
    const search = await first;
    // Renders that run after the data it came with read it synchronously.
    expect(loadedSearch()).to.equal(search);
    const engine = search.createProcedureSearch(
      search.expandProcedureIndex({
        version: 1,
        agency: null,
        fields: ['Hộ tịch'],
        items: [{ c: '1.001193', n: 'Thủ tục đăng ký khai sinh', f: 0, l: 'xa', o: null, ch: ['in_person'] }],
      } as never),
    );
    expect(engine.search('dk khai sinh').map((h) => h.item.code)).to.deep.equal(['1.001193']);
  });
});
