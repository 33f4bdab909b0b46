import { expect } from '@open-wc/testing';
import { loadSearch } from '../src/search-loader.js';

describe('loadSearch', () => {
  it('imports the search engine once for the page and gives the working module', async () => {
    const first = loadSearch();
    expect(loadSearch()).to.equal(first);
    const search = await first;
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
