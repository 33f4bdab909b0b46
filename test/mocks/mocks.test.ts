import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMocks, worker, MOCK_API } from './browser.js';

describe('MSW test plumbing', () => {
  before(() => startMocks());
  afterEach(() => worker.resetHandlers());

  it('intercepts same-origin API calls with per-test handlers', async () => {
    worker.use(http.get(`${MOCK_API}/v1/ping`, () => HttpResponse.json({ ok: true })));
    const res = await fetch(`${MOCK_API}/v1/ping`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ ok: true });
  });
});
