import { expect } from '@open-wc/testing';
import { readJson, remove, writeJson } from '../src/storage.js';

describe('storage', () => {
  afterEach(() => localStorage.clear());

  it('round-trips JSON under a dvc: prefix', () => {
    expect(writeJson('recent', ['a', 'b'])).to.equal(true);
    expect(localStorage.getItem('dvc:recent')).to.equal('{"v":1,"data":["a","b"]}');
    expect(readJson('recent', [])).to.deep.equal(['a', 'b']);
    expect(remove('recent')).to.equal(true);
    expect(readJson('recent', 'none')).to.equal('none');
  });

  it('ignores values of another version, corrupt JSON and foreign shapes', () => {
    writeJson('draft', { x: 1 }, { version: 2 });
    expect(readJson('draft', null)).to.equal(null);
    expect(readJson('draft', null, { version: 2 })).to.deep.equal({ x: 1 });
    localStorage.setItem('dvc:bad', '{not json');
    expect(readJson('bad', 'fb')).to.equal('fb');
    localStorage.setItem('dvc:foreign', '"just a string"');
    expect(readJson('foreign', 'fb')).to.equal('fb');
    localStorage.setItem('dvc:nodata', '{"v":1}');
    expect(readJson('nodata', 'fb')).to.equal('fb');
  });

  it('reports false instead of throwing when a value cannot be stored', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(writeJson('cyclic', cyclic)).to.equal(false);
  });

  it('never throws when storage is blocked', () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    try {
      expect(readJson('k', 7)).to.equal(7);
      expect(writeJson('k', 1)).to.equal(false);
      expect(remove('k')).to.equal(false);
    } finally {
      Object.defineProperty(window, 'localStorage', descriptor);
    }
  });

  it('never throws when setItem/getItem/removeItem throw (quota, private mode)', () => {
    const proto = Storage.prototype;
    const saved = { get: proto.getItem, set: proto.setItem, rm: proto.removeItem };
    const boom = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    proto.getItem = boom;
    proto.setItem = boom;
    proto.removeItem = boom;
    try {
      expect(readJson('k', 'fb')).to.equal('fb');
      expect(writeJson('k', 1)).to.equal(false);
      expect(remove('k')).to.equal(false);
    } finally {
      proto.getItem = saved.get;
      proto.setItem = saved.set;
      proto.removeItem = saved.rm;
    }
  });
});
