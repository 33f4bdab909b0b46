/** The server over real HTTP: persistence across restarts, rate limiting, static files, logs. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { configFromEnv, openDatabase, startServer } from '../src/index.js';
import { NOW, newKey, phone, silent, TEST_CONFIG } from './harness.js';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

/** Raw request, so paths are sent exactly as written (fetch would normalise `..`). */
function raw(url: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('persistence (PGlite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-server-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a booking across a restart and does not reseed', async () => {
    const first = captureLogger();
    const server = await startServer({ port: 0, dataDir: join(dir, 'pglite'), now: () => NOW, logger: first.logger, config: TEST_CONFIG });
    let code: string;
    let number: string;
    try {
      assert.equal(server.database, 'pglite');
      assert.ok(first.lines.some((l) => l.msg === 'database ready' && l.seeded === true));
      const agencyCode = '000.00.00.H29';
      const slots = (await (await fetch(`${server.url}/v1/agencies/${agencyCode}/slots`)).json()) as { days: { slots: { start: string; remaining: number }[] }[] };
      const start = slots.days.flatMap((d) => d.slots).find((s) => s.remaining > 0)!.start;
      const procedure = ((await (await fetch(`${server.url}/v1/procedures?agency=${agencyCode}&pageSize=1`)).json()) as { items: { code: string }[] }).items[0]!.code;
      number = phone(4242);
      const res = await fetch(`${server.url}/v1/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify({ agency: agencyCode, procedure, start, fullName: 'Lê Thị Hoa', phone: number, cccd: '001190012345' }),
      });
      assert.equal(res.status, 201);
      code = ((await res.json()) as { code: string }).code;
      // One structured line per request, with the fields operators search by.
      const line = first.lines.find((l) => l.path === '/v1/appointments');
      assert.ok(line);
      assert.equal(line.method, 'POST');
      assert.equal(line.status, 201);
      assert.equal(typeof line.ms, 'number');
      assert.equal(typeof line.reqId, 'string');
      assert.equal(res.headers.get('x-request-id'), line.reqId);
    } finally {
      await server.close();
    }
    const direct = await openDatabase({ dataDir: join(dir, 'pglite') });
    const seededAt = (await direct.db.selectFrom('meta').select('value').where('key', '=', 'seeded_at').executeTakeFirstOrThrow()).value;
    await direct.close();

    const second = captureLogger();
    const later = () => new Date(NOW.getTime() + 3_600_000);
    const again = await startServer({ port: 0, dataDir: join(dir, 'pglite'), now: later, logger: second.logger, config: TEST_CONFIG });
    try {
      assert.ok(second.lines.some((l) => l.msg === 'database ready' && l.seeded === false));
      const res = await fetch(`${again.url}/v1/appointments/${code}?phone=${number}`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { status: string }).status, 'booked');
    } finally {
      await again.close();
    }
    const check = await openDatabase({ dataDir: join(dir, 'pglite') });
    const after = (await check.db.selectFrom('meta').select('value').where('key', '=', 'seeded_at').executeTakeFirstOrThrow()).value;
    await check.close();
    assert.equal(after, seededAt, 'the seed ran once');
  });
});

describe('rate limiting over HTTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer({
      port: 0,
      dataDir: null,
      now: () => NOW,
      logger: silent,
      config: { rateLimit: { windowMs: 60_000, lookups: 3, writes: 2 } },
    });
  });
  after(() => server.close());

  it('answers the 4th lookup in a window with 429, Retry-After and details.retryAfter', async () => {
    const url = `${server.url}/v1/dossiers/000.00.01.H29-260310-9999`;
    for (let i = 0; i < 3; i++) assert.equal((await fetch(url)).status, 404);
    const limited = await fetch(url);
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
    const body = (await limited.json()) as { error: { code: string; details: { retryAfter: number } } };
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.details.retryAfter, retryAfter);
    // Other lookups share the bucket (codes of any kind count); public catalog reads do not.
    assert.equal((await fetch(`${server.url}/v1/appointments/LH-7K3M9Q?phone=0912345678`)).status, 429);
    assert.equal((await fetch(`${server.url}/v1/fields`)).status, 200);
  });

  it('limits writes separately', async () => {
    const post = () =>
      fetch(`${server.url}/v1/appointments/LH-7K3M9Q/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify({ phone: '0912345678' }),
      });
    assert.equal((await post()).status, 404);
    assert.equal((await post()).status, 404);
    assert.equal((await post()).status, 429);
  });
});

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'dvc-static-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    const put = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('demos/index.html', '<!doctype html><title>demo</title>');
    put('demos/strict.html', '<!doctype html><title>strict</title>');
    put('demos/strict.html.csp', "default-src 'self';\n  script-src 'self'\n");
    put('dist/dvc.js', 'export const x = 1;');
    put('packages/core/src/text.ts', 'export {}');
    put('.git/config', 'MARK-GIT');
    put('.data/pglite/PG_VERSION', 'MARK-DATA');
    put('node_modules/lit/index.js', 'MARK-NM');
    put('packages/core/node_modules/x/index.js', 'MARK-NM');
    put('package.json', 'MARK-ROOT');
    server = await startServer({ port: 0, dataDir: null, staticDir: root, now: () => NOW, logger: silent, config: TEST_CONFIG });
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('redirects / to the demos and serves demos, dist and package files', async () => {
    const home = await raw(server.url, '/');
    assert.equal(home.status, 302);
    assert.equal(home.headers.location, '/demos/index.html');
    const page = await raw(server.url, '/demos/index.html');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const bundle = await raw(server.url, '/dist/dvc.js');
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.equal(bundle.headers['x-content-type-options'], 'nosniff');
    assert.equal((await raw(server.url, '/packages/core/src/text.ts')).status, 200);
  });

  it('sends the policy of a sidecar .csp file with its HTML page, and none otherwise', async () => {
    const strict = await raw(server.url, '/demos/strict.html');
    assert.equal(strict.status, 200);
    assert.equal(strict.headers['content-security-policy'], "default-src 'self'; script-src 'self'");
    const plain = await raw(server.url, '/demos/index.html');
    assert.equal(plain.headers['content-security-policy'], undefined);
  });

  it('never exposes dot-folders, node_modules, other files or paths outside the root', async () => {
    for (const path of [
      '/.git/config',
      '/.data/pglite/PG_VERSION',
      '/node_modules/lit/index.js',
      '/packages/core/node_modules/x/index.js',
      '/package.json',
      '/demos/../.git/config',
      '/demos/%2e%2e/.git/config',
      '/demos/%2E%2E%2F.git%2Fconfig',
      '/dist/..%2f..%2fetc%2fpasswd',
      '/demos/%',
    ]) {
      const r = await raw(server.url, path);
      assert.ok(r.status === 404 || r.status === 400, `${path} → ${r.status}`);
      assert.doesNotMatch(r.body, /MARK-/);
    }
  });
});

describe('configuration from the environment', () => {
  it('reads every documented variable and rejects nonsense', () => {
    const config = configFromEnv({
      CORS_ORIGINS: 'https://a.gov.vn, https://b.gov.vn',
      RATE_LIMIT_WINDOW_MS: '30000',
      RATE_LIMIT_LOOKUPS: '10',
      RATE_LIMIT_CODE_LOOKUPS: '5',
      RATE_LIMIT_WRITES: '0',
      RATE_LIMIT_STORE_TIMEOUT_MS: '50',
      TRUST_PROXY: '1',
      BODY_LIMIT_BYTES: '8192',
    });
    assert.deepEqual(config, {
      corsOrigins: ['https://a.gov.vn', 'https://b.gov.vn'],
      rateLimit: { windowMs: 30_000, lookups: 10, codeLookups: 5, writes: 0, storeTimeoutMs: 50 },
      trustProxy: true,
      bodyLimitBytes: 8192,
    });
    assert.deepEqual(configFromEnv({}).rateLimit, { windowMs: 60_000, lookups: 300, codeLookups: 20, writes: 60, storeTimeoutMs: 200 });
    assert.throws(() => configFromEnv({ RATE_LIMIT_LOOKUPS: 'many' }), RangeError);
  });
});
