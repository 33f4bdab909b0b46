// The runner's /api proxy in front of the real reference server, seen from a browser page: the
// contract-valid answer, the ETag round trip and the error envelope all survive the hop.
import { expect } from '@open-wc/testing';
import { ErrorEnvelope, FieldList } from '@dvc-widgets/contract';
import * as z from 'zod/mini';
import { useRealApi } from './e2e.js';

describe('e2e /api proxy to the reference server', () => {
  useRealApi();

  it('answers GET /api/v1/fields with a contract-valid list and a strong ETag', async () => {
    const res = await fetch('/api/v1/fields', { cache: 'no-store' });
    expect(res.status, await res.clone().text()).to.equal(200);
    const parsed = z.safeParse(FieldList, await res.json());
    expect(parsed.success, JSON.stringify(parsed.error?.issues ?? [])).to.equal(true);
    expect(res.headers.get('etag')).to.match(/^"[^"]+"$/);
  });

  it('passes If-None-Match through and returns the 304', async () => {
    const first = await fetch('/api/v1/fields', { cache: 'no-store' });
    const etag = first.headers.get('etag');
    expect(etag).to.be.a('string');
    const again = await fetch('/api/v1/fields', { cache: 'no-store', headers: { 'If-None-Match': etag! } });
    expect(again.status).to.equal(304);
  });

  it('returns the server’s error envelope and status for an unknown dossier', async () => {
    const res = await fetch('/api/v1/dossiers/000.00.01.H29-991231-9999', { cache: 'no-store' });
    expect(res.status).to.equal(404);
    const parsed = z.safeParse(ErrorEnvelope, await res.json());
    expect(parsed.success).to.equal(true);
    expect(parsed.data?.error.code).to.equal('not_found');
  });
});
