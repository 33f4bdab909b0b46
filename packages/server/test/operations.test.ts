/** Operating the server: probes, metrics, request ids in logs, no personal data in logs, graceful shutdown. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp, createLogger, Lifecycle, startServer, type OpenedDatabase } from '../src/index.js';
import type { AgencyRecord } from '../src/domain/index.js';
import { NOW, TEST_CONFIG, agencies, call, databases, newKey, phone, seeded, setBooking, silent } from './harness.js';

function capture() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe('logger', () => {
  it('censors personal fields wherever a log call puts them', () => {
    const { logger, lines } = capture();
    logger.info({ fullName: 'Nguyễn Văn An', phone: '0912345678', request: { cccd: '001090012345', note: 'nhà số 5' } }, 'x');
    const text = JSON.stringify(lines);
    for (const secret of ['Nguyễn Văn An', '0912345678', '001090012345', 'nhà số 5']) assert.ok(!text.includes(secret), secret);
    assert.equal(lines[0]!.phone, '[redacted]');
  });
});

for (const tdb of databases()) {
  describe(`operations on ${tdb.name}`, () => {
    let opened: OpenedDatabase;
    let agency: AgencyRecord;
    let procedure: string;
    let slotStarts: string[];

    before(async () => {
      opened = await seeded(tdb);
      agency = (await agencies(opened.db)).find((a) => a.level === 'province' && a.booking.enabled)!;
      await setBooking(opened.db, agency.code, { maxPerPhonePerDay: 5, requiresCccd: false, capacityPerSlot: 5 });
      procedure = (
        await opened.db.selectFrom('agency_procedures').select('procedure_code').where('agency_code', '=', agency.code).orderBy('procedure_code').executeTakeFirstOrThrow()
      ).procedure_code;
      const app = createApp({ db: opened.db, now: () => NOW, config: TEST_CONFIG, logger: silent });
      const slots = await call(app, 'GET', `/v1/agencies/${agency.code}/slots?procedure=${procedure}`);
      slotStarts = slots.body.days.flatMap((d: { slots: { start: string; remaining: number }[] }) => d.slots).filter((s: { remaining: number }) => s.remaining > 0).map((s: { start: string }) => s.start);
    });
    after(() => opened.close());

    it('/healthz answers without the database; /readyz checks it and turns 503 while draining', async () => {
      const lifecycle = new Lifecycle();
      const app = createApp({ db: opened.db, now: () => NOW, config: TEST_CONFIG, logger: silent, lifecycle });
      const live = await call(app, 'GET', '/healthz');
      assert.equal(live.status, 200);
      assert.deepEqual(live.body, { status: 'ok' });
      const ready = await call(app, 'GET', '/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { status: 'ready', checks: { database: 'ok', migrations: 'ok', shutdown: 'no' } });
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.equal((await call(app, 'GET', '/v1/health')).status, 200, 'the old probe keeps working');
      lifecycle.draining = true;
      const draining = await call(app, 'GET', '/readyz');
      assert.equal(draining.status, 503);
      assert.equal(draining.body.checks.shutdown, 'draining');
      const other = await call(app, 'GET', '/v1/fields');
      assert.equal(other.status, 200, 'requests are still answered while draining');
      assert.equal(other.headers.get('connection'), 'close', 'so the proxy stops reusing the connection');
    });

    it('/metrics counts requests per operation and status, latency, 409/422 reasons, refusals and pool use', async () => {
      const app = createApp({
        db: opened.db,
        now: () => NOW,
        logger: silent,
        poolStats: opened.poolStats,
        config: { trustProxy: true, rateLimit: { windowMs: 60_000, lookups: 2, codeLookups: 0, writes: 0 } },
      });
      const ip = { 'x-forwarded-for': '203.0.113.77' };
      for (let i = 0; i < 3; i++) await call(app, 'GET', '/v1/dossiers/000.00.01.H29-260310-9999', { headers: ip });
      const key = newKey();
      const body = { agency: agency.code, procedure, start: slotStarts[0], fullName: 'Trần Văn Bình', phone: phone(71) };
      assert.equal((await call(app, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } })).status, 201);
      const reused = await call(app, 'POST', '/v1/appointments', { body: { ...body, phone: phone(72) }, headers: { 'idempotency-key': key } });
      assert.equal(reused.status, 422);

      const m = await call(app, 'GET', '/metrics');
      assert.equal(m.status, 200);
      assert.match(m.headers.get('content-type') ?? '', /text\/plain/);
      assert.match(m.text, /dvc_http_requests_total\{operation="getDossier",method="GET",status="404"\} 2/);
      assert.match(m.text, /dvc_http_requests_total\{operation="getDossier",method="GET",status="429"\} 1/);
      assert.match(m.text, /dvc_http_requests_total\{operation="createAppointment",method="POST",status="201"\} 1/);
      assert.match(m.text, /dvc_http_request_duration_seconds_count\{operation="getDossier",method="GET"\} 3/);
      assert.match(m.text, /dvc_rate_limit_refusals_total\{bucket="lookup-ip"\} 1/);
      assert.match(m.text, /dvc_rejections_total\{operation="createAppointment",status="422",reason="idempotency_key_reused"\} 1/);
      assert.match(m.text, /dvc_process_resident_memory_bytes/);
      if (tdb.name === 'postgres') assert.match(m.text, /dvc_db_pool_connections\{state="total"\} [1-9]/);
    });

    it('puts the request id on every line of a request and never logs the citizen’s data from a failed insert', async () => {
      const fullName = 'Phạm Thị Lỗi';
      const number = phone(73);
      const cccd = '079190054321';
      // A constraint only this request violates: the database refuses the insert of its row.
      await sql`alter table appointments add constraint test_refuses_name check (full_name <> ${sql.lit(fullName)})`.execute(opened.db);
      try {
        // What the driver puts on its error — the reason the log needs guarding at all.
        const raw = await opened.db
          .insertInto('appointments')
          .values({
            code: 'LH-TEST01', agency_code: agency.code, procedure_code: procedure, counter_id: 'x', start_at: NOW, end_at: NOW, day: '2026-03-10',
            full_name: fullName, phone: number, cccd, note: null, status: 'booked', created_at: NOW, updated_at: NOW,
          })
          .execute()
          .then(() => null, (e: unknown) => e as Record<string, unknown>);
        assert.ok(raw, 'the insert is refused');
        const exposed = JSON.stringify({ ...raw, message: (raw as unknown as Error).message });
        assert.ok(exposed.includes(number) || exposed.includes(fullName), 'the driver error carries the row');

        const { logger, lines } = capture();
        const app = createApp({ db: opened.db, now: () => NOW, config: TEST_CONFIG, logger });
        const r = await call(app, 'POST', '/v1/appointments', {
          body: { agency: agency.code, procedure, start: slotStarts[1], fullName, phone: number, cccd },
          headers: { 'x-request-id': 'trace-me-42' },
        });
        assert.equal(r.status, 500);
        assert.equal(r.headers.get('x-request-id'), 'trace-me-42');
        assert.deepEqual(r.body, { error: { code: 'internal', message: 'Internal server error' } });
        const errorLine = lines.find((l) => l.msg === 'unhandled error');
        assert.ok(errorLine, 'the failure is logged');
        assert.equal(errorLine.err.code, '23514', 'with what an operator needs: the SQLSTATE…');
        assert.equal(errorLine.err.constraint ?? 'test_refuses_name', 'test_refuses_name');
        assert.ok(lines.length >= 2);
        for (const line of lines) assert.equal(line.reqId, 'trace-me-42', `every line carries the request id: ${JSON.stringify(line)}`);
        const text = JSON.stringify(lines);
        for (const secret of [fullName, number, cccd]) assert.ok(!text.includes(secret), `${secret} must not be logged`);
      } finally {
        await sql`alter table appointments drop constraint test_refuses_name`.execute(opened.db);
      }
    });
  });
}

describe('graceful shutdown', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer({ port: 0, dataDir: null, now: () => NOW, logger: silent, config: TEST_CONFIG });
  });

  it('stops accepting connections, finishes the request in flight, then closes', async () => {
    const u = new URL(server.url);
    const body = JSON.stringify({ phone: '0912345678' });
    // A request in flight: headers sent, body still coming.
    let answered: { status: number; text: string } | undefined;
    const inFlight = new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: '/v1/appointments/LH-7K3M9Q/cancel',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': newKey() },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c));
          res.on('end', () => {
            answered = { status: res.statusCode ?? 0, text };
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 600);
    });
    await new Promise((r) => setTimeout(r, 200));
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    await assert.rejects(fetch(`${server.url}/healthz`), 'no new connections once shutdown began');
    assert.equal(closed, false, 'the close waits for the request in flight');
    await inFlight;
    assert.equal(answered!.status, 404, answered!.text);
    assert.match(answered!.text, /not_found/);
    await closing;
    assert.equal(closed, true);
  });
});
