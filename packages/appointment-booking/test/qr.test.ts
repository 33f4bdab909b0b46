import { expect } from '@open-wc/testing';
import { encodeQr, qrPath } from '../src/qr.js';

describe('QR code', () => {
  it('merges dark modules into one path per run', () => {
    expect(qrPath([[true, true, false, true]])).to.equal('M0 0h2v1h-2zM3 0h1v1h-1z');
    expect(qrPath([[false]])).to.equal('');
  });

  it('encodes a booking code with finder patterns and a quiet zone', async () => {
    const qr = await encodeQr('LH-7K3M9Q');
    const n = qr.data.length;
    expect(n).to.be.greaterThan(20);
    expect(qr.data[0]!.every((m) => !m), 'quiet zone').to.equal(true);
    // Top-left finder: the 7×7 square starts after the 2-module border.
    expect(qr.data[2]![2]).to.equal(true);
    expect(qr.data[2]![8]).to.equal(true);
    expect(qr.data[3]![3]).to.equal(false);
  });
});
