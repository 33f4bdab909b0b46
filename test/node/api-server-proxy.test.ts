// The e2e proxy in front of the reference server: it must be transparent for what the widgets rely on
// (method, Idempotency-Key, If-None-Match → 304, ETag, Retry-After, status, body).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { createApiServerProxy, type ApiServerProxy } from '../helpers/api-server.mjs';

type Proxy = ApiServerProxy;

// A stand-in server with the same startServer() contract as packages/server.
const fakeServer = `
import { createServer } from 'node:http';
export let closed = 0;
export async function startServer(options: { port: number; dataDir: null; now: () => Date }) {
  if (options.port !== 0 || options.dataDir !== null) throw new Error('unexpected options');
  const seededAt = options.now().toISOString();
  options.now(); // later reads of the clock must not move the seed instant
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/seeded-at') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ seededAt }));
        return;
      }
      if (req.url === '/v1/slow-down') {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }));
        return;
      }
      if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { etag: '"v1"' }); res.end(); return; }
      res.writeHead(req.method === 'POST' ? 201 : 200, { etag: '"v1"', 'content-type': 'application/json' });
      res.end(JSON.stringify({
        method: req.method, url: req.url,
        idempotencyKey: req.headers['idempotency-key'] ?? null,
        body: Buffer.concat(chunks).toString('utf8'),
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: 'http://127.0.0.1:' + port, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
`;

async function listen(proxy: Proxy): Promise<{ base: string; server: Server }> {
  const app = new Koa();
  app.use(proxy.middleware);
  app.use((ctx) => {
    ctx.body = 'not the api';
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('e2e API proxy', () => {
  let dir: string;
  let base: string;
  let server: Server;
  let proxy: Proxy;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvc-proxy-'));
    writeFileSync(join(dir, 'server.ts'), fakeServer);
    proxy = createApiServerProxy({ entry: join(dir, 'server.ts') });
    ({ base, server } = await listen(proxy));
  });

  after(async () => {
    await proxy.plugin.serverStop();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves non-/api paths to the next middleware', async () => {
    const res = await fetch(`${base}/apiary/x`);
    assert.equal(await res.text(), 'not the api');
  });

  it('strips /api and keeps the query string', async () => {
    const res = await fetch(`${base}/api/v1/procedures?q=khai%20sinh&page=2`);
    assert.equal(res.status, 200);
    const echo = await res.json();
    assert.equal(echo.url, '/v1/procedures?q=khai%20sinh&page=2');
    assert.equal(res.headers.get('etag'), '"v1"');
  });

  it('passes method, body and Idempotency-Key, and the status', async () => {
    const res = await fetch(`${base}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-123' },
      body: JSON.stringify({ a: 'Nguyễn' }),
    });
    assert.equal(res.status, 201);
    const echo = await res.json();
    assert.equal(echo.method, 'POST');
    assert.equal(echo.idempotencyKey, 'k-123');
    assert.deepEqual(JSON.parse(echo.body), { a: 'Nguyễn' });
  });

  it('passes If-None-Match and answers 304', async () => {
    const res = await fetch(`${base}/api/v1/fields`, { headers: { 'if-none-match': '"v1"' } });
    assert.equal(res.status, 304);
    assert.equal(res.headers.get('etag'), '"v1"');
  });

  it('passes Retry-After on 429', async () => {
    const res = await fetch(`${base}/api/v1/slow-down`);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.equal((await res.json()).error.code, 'rate_limited');
  });
});

describe('e2e API proxy server commands', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dvc-proxy-cmd-'));
    writeFileSync(join(dir, 'server.ts'), fakeServer);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a registered command with the running server and the instant it seeded with', async () => {
    let tick = Date.parse('2026-11-24T02:30:00Z');
    const proxy = createApiServerProxy({
      entry: join(dir, 'server.ts'),
      options: { now: () => new Date((tick += 1000)) },
      commands: { 'where-and-when': ({ server, seedNow, payload }) => ({ url: server.url, seedNow: seedNow.toISOString(), payload }) },
    });
    try {
      const answer = (await proxy.plugin.executeCommand({ command: 'where-and-when', payload: { n: 1 } })) as {
        url: string;
        seedNow: string;
        payload: unknown;
      };
      assert.match(answer.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const seeded = (await (await fetch(`${answer.url}/v1/seeded-at`)).json()) as { seededAt: string };
      assert.equal(answer.seedNow, seeded.seededAt);
      assert.equal(answer.seedNow, '2026-11-24T02:30:01.000Z');
      assert.deepEqual(answer.payload, { n: 1 });
      assert.equal(await proxy.plugin.executeCommand({ command: 'someone-else', payload: undefined }), undefined);
    } finally {
      await proxy.plugin.serverStop();
    }
  });
});

describe('e2e API proxy without a server', () => {
  it('answers 503 with the reason instead of crashing', async () => {
    const proxy: Proxy = createApiServerProxy({ entry: 'packages/server/src/does-not-exist.ts' });
    const { base, server } = await listen(proxy);
    try {
      const res = await fetch(`${base}/api/v1/fields`);
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.equal(body.error.code, 'unavailable');
      assert.match(body.error.message, /does-not-exist\.ts is missing/);
    } finally {
      await proxy.plugin.serverStop();
      server.close();
    }
  });
});
