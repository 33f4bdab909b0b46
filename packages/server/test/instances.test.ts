/**
 * Several instances on one database: booking capacity and idempotency keys live in the database,
 * so they hold whichever instance a request reaches; instances starting together migrate and
 * seed once. (`npm run test:cluster` checks the same with processes behind nginx.)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { openDatabase, startServer, type OpenedDatabase } from '../src/index.js';
import type { AgencyRecord } from '../src/domain/index.js';
import { NOW, TEST_CONFIG, agencies, call, databases, makeApp, newKey, phone, seeded, setBooking, type TestApp } from './harness.js';

for (const tdb of databases()) {
  describe(`two instances on one ${tdb.name} database`, () => {
    let opened: OpenedDatabase;
    let a: TestApp;
    let b: TestApp;
    let agency: AgencyRecord;
    let procedure: string;
    let starts: string[];
    let seq = 0;
    const nextPhone = () => phone(800_000 + ++seq);

    before(async () => {
      opened = await seeded(tdb);
      a = makeApp(opened.db);
      b = makeApp(opened.db);
      agency = (await agencies(opened.db)).find((x) => x.level === 'province' && x.booking.enabled)!;
      await setBooking(opened.db, agency.code, { maxPerPhonePerDay: 5, requiresCccd: false, capacityPerSlot: 4 });
      procedure = (
        await opened.db.selectFrom('agency_procedures').select('procedure_code').where('agency_code', '=', agency.code).orderBy('procedure_code').executeTakeFirstOrThrow()
      ).procedure_code;
      const slots = await call(a, 'GET', `/v1/agencies/${agency.code}/slots?procedure=${procedure}`);
      starts = slots.body.days.flatMap((d: { slots: { start: string; remaining: number }[] }) => d.slots).filter((s: { remaining: number }) => s.remaining > 0).map((s: { start: string }) => s.start);
    });
    after(() => opened.close());

    const booking = (start: string) => ({ agency: agency.code, procedure, start, fullName: 'Đỗ Văn Cường', phone: nextPhone() });

    it('never books a slot past its capacity, however the requests are spread', async () => {
      const start = starts[0]!;
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => call(i % 2 ? a : b, 'POST', '/v1/appointments', { body: booking(start) })),
      );
      const created = results.filter((r) => r.status === 201);
      assert.equal(created.length, 4, results.map((r) => r.status).join(','));
      assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.error.details.reason === 'slot_full')));
      const row = await opened.db.selectFrom('slot_bookings').select(['booked', 'capacity']).where('agency_code', '=', agency.code).where('slot_start', '=', new Date(start)).executeTakeFirstOrThrow();
      assert.deepEqual(row, { booked: 4, capacity: 4 });
      const stored = await opened.db.selectFrom('appointments').select('code').where('start_at', '=', new Date(start)).where('agency_code', '=', agency.code).execute();
      assert.deepEqual(stored.map((s) => s.code).sort(), created.map((r) => r.body.code).sort());
    });

    it('runs one Idempotency-Key once, sent to both instances at the same time', async () => {
      const key = newKey();
      const body = booking(starts[1]!);
      const [first, second] = await Promise.all([
        call(a, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } }),
        call(b, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } }),
      ]);
      const statuses = [first.status, second.status].sort();
      // One ran; the other saw it running (409 in_progress, retry) or replayed its answer.
      assert.ok(statuses.includes(201), statuses.join(','));
      for (const r of [first, second]) if (r.status === 409) assert.equal(r.body.error.details.reason, 'in_progress');
      const replay = await call(b, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const code = (first.status === 201 ? first : second).body.code;
      assert.equal(replay.body.code, code);
      const rows = await opened.db.selectFrom('appointments').select('code').where('phone', '=', body.phone).execute();
      assert.deepEqual(rows.map((r) => r.code), [code], 'exactly one booking');
    });
  });
}

if (process.env.TEST_DATABASE_URL) {
  describe('instances starting together on an empty PostgreSQL database', () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_start_${randomBytes(5).toString('hex')}`;
    let scoped: string;
    before(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      scoped = u.toString();
    });
    after(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    });

    it('migrate and seed once (advisory lock); every instance starts', async () => {
      const lines: Record<string, unknown>[] = [];
      const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
      const servers = await Promise.all(
        Array.from({ length: 3 }, () => startServer({ port: 0, databaseUrl: scoped, now: () => NOW, logger, config: TEST_CONFIG })),
      );
      try {
        const ready = lines.filter((l) => l.msg === 'database ready');
        assert.equal(ready.length, 3);
        assert.equal(ready.filter((l) => l.seeded === true).length, 1, 'one instance seeded, the others found the seed');
        for (const s of servers) assert.equal((await fetch(`${s.url}/readyz`)).status, 200);
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
      const check = await openDatabase({ databaseUrl: scoped });
      try {
        const meta = await check.db.selectFrom('meta').select('key').execute();
        assert.deepEqual(meta.map((m) => m.key).sort(), ['seed_version', 'seeded_at']);
        const n = await check.db.selectFrom('procedures').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        assert.ok(Number(n.n) > 2000);
      } finally {
        await check.close();
      }
    });
  });
}
