// Core's fault model against a real second origin (test/helpers/fault-server.mjs, started by the
// test runner): the browser's own CORS refusals, redirects and HTML pages, not scripted fetches.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { ApiClient } from '../src/api-client.js';
import {
  ApiError,
  errorMessageKey,
  NetworkError,
  RequestRefusedError,
  ServiceMisconfiguredError,
} from '../src/errors.js';
import { Outbox } from '../src/outbox.js';
import { captureConsoleError, MemoryStorage, rejection } from './support.js';

interface Logged {
  requests: Array<{ method: string; path: string; key: string | null; mode: string | null }>;
  resources: number;
}

const DOSSIER = '000.00.01.H29-260310-0420';
const SURVEY_BODY = { dossierCode: DOSSIER, answers: [{ criterion: 'overall', rating: 'satisfied' as const }] };

let origin = '';
let deadPort = 0;
let run = 0;

before(async () => {
  const server = await executeServerCommand<{ port: number; deadPort: number }, undefined>('dvc-fault-server');
  // Another host name than the page's, so the browser treats the server as another origin.
  const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  origin = `http://${host}:${server.port}`;
  deadPort = server.deadPort;
});

/** A fresh API base for one scenario (the server keeps a log per base). */
function base(scenario: string): string {
  return `${origin}/${scenario}/${Date.now().toString(36)}-${++run}`;
}

async function log(apiBase: string): Promise<Logged> {
  return (await fetch(`${apiBase}/_log`)).json() as Promise<Logged>;
}

const client = (baseUrl: string) => new ApiClient({ baseUrl, cache: false, random: () => 0 });

let logged: string[] = [];
let capture: ReturnType<typeof captureConsoleError>;
beforeEach(() => ({ logged } = capture = captureConsoleError()));
afterEach(() => capture.restore());

describe('cross-origin faults (a real second origin)', () => {
  it('writes not allow-listed: the preflight is refused, the public read answers → RequestRefusedError cors; nothing reached the server', async () => {
    expect(new URL(origin).origin).to.not.equal(location.origin);
    const apiBase = base('writes-refused');
    const e = (await rejection(
      client(apiBase).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, idempotencyKey: 'cors-key-1' }),
    )) as RequestRefusedError;
    expect(e).to.be.instanceOf(RequestRefusedError);
    expect(e.reason).to.equal('cors');
    expect(errorMessageKey(e).key).to.equal('error.refusedOrigin');
    const { requests } = await log(apiBase);
    expect(requests.filter((r) => r.method === 'POST'), 'the write never reached the server').to.deep.equal([]);
    expect(requests.some((r) => r.method === 'OPTIONS'), 'the browser asked first').to.equal(true);
    expect(requests.filter((r) => r.method === 'GET').map((r) => r.path)).to.deep.equal(['/v1/fields']);
    expect(logged).to.deep.equal([]);
  });

  it('the outbox keeps such an item as undeliverable (cors), with what the citizen wrote, and never sends it again', async () => {
    const apiBase = base('writes-refused');
    const box = new Outbox({ storage: new MemoryStorage(), name: `cross-origin-${run}` });
    const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, baseUrl: apiBase });
    const result = await box.flush();
    expect(result.rejected).to.have.length(1);
    expect(result.rejected[0]!.error).to.be.instanceOf(RequestRefusedError);
    const [kept] = await box.listUndeliverable();
    expect(kept!.id).to.equal(item.id);
    expect(kept!.body).to.deep.equal(SURVEY_BODY);
    expect(kept!.undeliverable!.reason).to.equal('cors');
    await box.flush();
    expect((await log(apiBase)).requests.filter((r) => r.path === '/v1/fields')).to.have.length(1);
    box.close();
  });

  it('a host with no CORS at all: not this API (only an opaque answer), one console message naming api-base', async () => {
    const apiBase = base('no-cors');
    const e = (await rejection(client(apiBase).request('listFields'))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect(e.status).to.equal(0);
    expect(e.url).to.equal(`${apiBase}/v1/fields`);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('api-base').and.contain('data-api-base').and.contain(apiBase);
    const modes = (await log(apiBase)).requests.map((r) => r.mode);
    expect(modes.at(-1), 'the last probe was a no-cors request').to.equal('no-cors');
  });

  it('an HTML 404 page: not this API, at once, never "not found"', async () => {
    const apiBase = base('html404');
    const e = (await rejection(client(apiBase).request('getDossier', { params: { code: DOSSIER } }))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect(e).to.not.be.instanceOf(ApiError);
    expect([e.status, e.contentType]).to.deep.equal([404, 'text/html; charset=utf-8']);
    expect(errorMessageKey(e).key).to.equal('error.misconfigured');
    expect((await log(apiBase)).requests).to.have.length(1);
    expect(logged).to.have.length(1);
  });

  it('a single-page app answering 200 HTML for every path: not this API', async () => {
    const apiBase = base('spa');
    const e = (await rejection(client(apiBase).request('getDossier', { params: { code: DOSSIER } }))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect(e.status).to.equal(200);
  });

  it('a redirect to a login page: not this API, naming the page it landed on', async () => {
    const apiBase = base('login');
    const e = (await rejection(client(apiBase).request('listFields'))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect(e.url).to.equal(`${apiBase}/login?next=${encodeURIComponent('/v1/fields')}`);
    expect(logged[0]).to.contain('after a redirect');
  });

  it('a gateway’s 502 HTML page stays "unavailable": retried, then an ApiError', async () => {
    const apiBase = base('gateway');
    const e = (await rejection(client(apiBase).request('listFields'))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect(e.status).to.equal(502);
    expect(errorMessageKey(e).key).to.equal('error.unavailable');
    expect((await log(apiBase)).requests.filter((r) => r.method === 'GET')).to.have.length(3);
    expect(logged).to.deep.equal([]);
  });

  it('nothing listens there: a NetworkError (no answer to the request nor to either probe)', async () => {
    const e = await rejection(client(`http://127.0.0.1:${deadPort}/api`).request('listFields'));
    expect(e.constructor).to.equal(NetworkError);
    expect(logged).to.deep.equal([]);
  });

  it('409 in_progress twice, then 201: one resource, the same key on every attempt', async () => {
    const apiBase = base('in-progress');
    const receipt = await client(apiBase).request('submitSurveyResponse', {
      params: { surveyId: 'default' },
      body: SURVEY_BODY,
      retries: 0,
    });
    expect(receipt.dossierCode).to.equal(DOSSIER);
    const { requests, resources } = await log(apiBase);
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).to.have.length(3);
    expect(new Set(posts.map((p) => p.key)).size).to.equal(1);
    expect(posts[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    expect(resources).to.equal(1);
  });
});
