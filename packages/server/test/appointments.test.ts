import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { APPOINTMENT_CODE_RE, endpoints } from '@dvc-widgets/contract';
import type { AgencyRecord } from '../src/domain/index.js';
import type { OpenedDatabase } from '../src/index.js';
import { agencies, call, databases, makeApp, newKey, phone, seeded, setBooking, type TestApp } from './harness.js';

interface OpenSlot {
  start: string;
  remaining: number;
  capacity: number;
}

for (const tdb of databases()) {
  describe(`appointments on ${tdb.name}`, () => {
    let opened: OpenedDatabase;
    let app: TestApp;
    let agency: AgencyRecord;
    let procedure: string;
    let slots: OpenSlot[];
    let phoneSeq = 0;
    const nextPhone = () => phone(tdb.name === 'pglite' ? ++phoneSeq : 500_000 + ++phoneSeq);

    before(async () => {
      opened = await seeded(tdb);
      app = makeApp(opened.db);
      agency = (await agencies(opened.db)).find((a) => a.level === 'province' && a.booking.enabled)!;
      // Generous limits for the rules under test; specific tests tighten them.
      await setBooking(opened.db, agency.code, { maxPerPhonePerDay: 5, requiresCccd: false, capacityPerSlot: 5 });
      procedure = (
        await opened.db.selectFrom('agency_procedures').select('procedure_code').where('agency_code', '=', agency.code).orderBy('procedure_code').executeTakeFirstOrThrow()
      ).procedure_code;
      const r = await call(app, 'GET', `/v1/agencies/${agency.code}/slots?procedure=${procedure}`);
      assert.equal(r.status, 200, r.text);
      slots = r.body.days.flatMap((d: { slots: OpenSlot[] }) => d.slots).filter((s: OpenSlot) => s.remaining > 0);
      assert.ok(slots.length > 40, 'enough open slots for the tests');
    });
    after(() => opened.close());

    let slotIndex = 0;
    const freshSlot = () => slots[slotIndex++]!.start;
    const request = (start: string, extra: Record<string, unknown> = {}) => ({
      agency: agency.code,
      procedure,
      start,
      fullName: 'Nguyễn Văn An',
      phone: nextPhone(),
      ...extra,
    });

    it('lists slot days with open/closed states and validates the range', async () => {
      const r = await call(app, 'GET', `/v1/agencies/${agency.code}/slots?from=2026-03-09&to=2026-03-15`);
      assert.equal(r.status, 200);
      assert.ok(z.safeParse(endpoints.getSlots.response, r.body).success);
      const byDate = new Map(r.body.days.map((d: { date: string }) => [d.date, d]));
      assert.equal((byDate.get('2026-03-09') as any).closedReason, 'past');
      assert.equal((byDate.get('2026-03-15') as any).closedReason, 'weekend');
      assert.equal((byDate.get('2026-03-11') as any).status, 'open');
      assert.equal((await call(app, 'GET', `/v1/agencies/${agency.code}/slots?from=2026-03-15&to=2026-03-09`)).status, 400);
      assert.equal((await call(app, 'GET', `/v1/agencies/${agency.code}/slots?from=2026-03-01&to=2026-12-31`)).status, 400);
      assert.equal((await call(app, 'GET', '/v1/agencies/999.99.99.H99/slots')).status, 404);
      assert.equal((await call(app, 'GET', `/v1/agencies/${agency.code}/slots?procedure=9.999999`)).status, 404);
      const handled = new Set(
        (await opened.db.selectFrom('agency_procedures').select('procedure_code').where('agency_code', '=', agency.code).execute()).map((r) => r.procedure_code),
      );
      const notHandled = (await opened.db.selectFrom('procedures').select('code').execute()).find((p) => !handled.has(p.code));
      assert.ok(notHandled, 'the catalog has procedures this agency does not handle');
      const elsewhere = await call(app, 'GET', `/v1/agencies/${agency.code}/slots?procedure=${notHandled.code}`);
      assert.equal(elsewhere.status, 404);
      assert.equal(elsewhere.body.error.details.reason, 'procedure_not_handled');
    });

    it('books, looks up (code + phone), reschedules and cancels, keeping counts right', async () => {
      const start = freshSlot();
      const body = request(start, { cccd: '001090012345', note: 'Mang theo bản chính' });
      const created = await call(app, 'POST', '/v1/appointments', { body });
      assert.equal(created.status, 201, created.text);
      assert.ok(z.safeParse(endpoints.createAppointment.response, created.body).success);
      assert.match(created.body.code, APPOINTMENT_CODE_RE);
      assert.equal(created.body.phone.includes(body.phone as string), false, 'phone is masked');
      assert.equal(new Date(created.body.start).getTime(), new Date(start).getTime());
      const code = created.body.code as string;

      const remaining = async (s: string) => {
        const date = s.slice(0, 10);
        const r = await call(app, 'GET', `/v1/agencies/${agency.code}/slots?from=${date}&to=${date}`);
        return r.body.days[0].slots.find((x: OpenSlot) => new Date(x.start).getTime() === new Date(s).getTime())?.remaining;
      };
      assert.equal(await remaining(start), 4);

      const found = await call(app, 'GET', `/v1/appointments/${code}?phone=${body.phone}`);
      assert.equal(found.status, 200);
      assert.deepEqual(found.body, created.body);
      const wrongPhone = await call(app, 'GET', `/v1/appointments/${code}?phone=0987654321`);
      const wrongCode = await call(app, 'GET', `/v1/appointments/LH-ZZZZZZ?phone=${body.phone}`);
      assert.deepEqual([wrongPhone.status, wrongCode.status], [404, 404]);
      assert.deepEqual(wrongPhone.body, wrongCode.body, 'a wrong phone and a wrong code look the same');

      const target = freshSlot();
      const moved = await call(app, 'POST', `/v1/appointments/${code}/reschedule`, { body: { phone: body.phone, start: target } });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(new Date(moved.body.start).getTime(), new Date(target).getTime());
      assert.equal(await remaining(start), 5);
      assert.equal(await remaining(target), 4);

      const cancelled = await call(app, 'POST', `/v1/appointments/${code}/cancel`, { body: { phone: body.phone } });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.equal(await remaining(target), 5);
      const twice = await call(app, 'POST', `/v1/appointments/${code}/cancel`, { body: { phone: body.phone } });
      assert.equal(twice.status, 409);
      const moveCancelled = await call(app, 'POST', `/v1/appointments/${code}/reschedule`, { body: { phone: body.phone, start: freshSlot() } });
      assert.equal(moveCancelled.status, 409);
      const wrongOwner = await call(app, 'POST', `/v1/appointments/${code}/cancel`, { body: { phone: '0987654321' } });
      assert.equal(wrongOwner.status, 404);
    });

    it('replays the first answer for the same key and body; 422 for the same key with another body', async () => {
      const key = newKey();
      const body = request(freshSlot());
      const first = await call(app, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } });
      assert.equal(first.status, 201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const replay = await call(app, 'POST', '/v1/appointments', { body: reordered, headers: { 'idempotency-key': key } });
      assert.equal(replay.status, 201);
      assert.deepEqual(replay.body, first.body);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const count = await opened.db.selectFrom('appointments').select((eb) => eb.fn.countAll().as('n')).where('phone', '=', body.phone as string).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1, 'the booking ran once');
      const other = await call(app, 'POST', '/v1/appointments', { body: { ...body, fullName: 'Trần Thị Bình' }, headers: { 'idempotency-key': key } });
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'unprocessable');
      // The same key on another route is another request.
      const cancel = await call(app, 'POST', `/v1/appointments/${first.body.code}/cancel`, { body: { phone: body.phone }, headers: { 'idempotency-key': key } });
      assert.equal(cancel.status, 200);
    });

    it('concurrent requests with one key execute once', async () => {
      const key = newKey();
      const body = request(freshSlot());
      const results = await Promise.all(Array.from({ length: 5 }, () => call(app, 'POST', '/v1/appointments', { body, headers: { 'idempotency-key': key } })));
      const created = results.filter((r) => r.status === 201);
      assert.ok(created.length >= 1);
      assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.error.details.reason === 'in_progress')));
      assert.equal(new Set(created.map((r) => r.body.code)).size, 1, 'every success is the same booking');
      const n = await opened.db.selectFrom('appointments').select((eb) => eb.fn.countAll().as('n')).where('phone', '=', body.phone as string).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
    });

    it('refuses a full slot with 409 and that day availability', async () => {
      const start = freshSlot();
      for (let i = 0; i < 5; i++) assert.equal((await call(app, 'POST', '/v1/appointments', { body: request(start) })).status, 201);
      const full = await call(app, 'POST', '/v1/appointments', { body: request(start) });
      assert.equal(full.status, 409);
      assert.equal(full.body.error.code, 'conflict');
      const day = full.body.error.details.availability;
      assert.equal(day.date, start.slice(0, 10));
      assert.equal(day.slots.find((s: OpenSlot) => s.start === start)?.remaining, 0);
    });

    it('enforces the per-phone daily limit', async () => {
      await setBooking(opened.db, agency.code, { maxPerPhonePerDay: 1 });
      try {
        const p = nextPhone();
        let a = freshSlot();
        while (slots[slotIndex]!.start.slice(0, 10) !== a.slice(0, 10)) a = freshSlot();
        const b = freshSlot();
        assert.equal((await call(app, 'POST', '/v1/appointments', { body: request(a, { phone: p }) })).status, 201);
        const second = await call(app, 'POST', '/v1/appointments', { body: request(b, { phone: p }) });
        assert.equal(second.status, 409);
        assert.equal(second.body.error.details.reason, 'phone_limit');
      } finally {
        await setBooking(opened.db, agency.code, { maxPerPhonePerDay: 5 });
      }
    });

    it('requires CCCD when the agency says so, with field details', async () => {
      await setBooking(opened.db, agency.code, { requiresCccd: true });
      try {
        const r = await call(app, 'POST', '/v1/appointments', { body: request(freshSlot()) });
        assert.equal(r.status, 400);
        assert.equal(r.body.error.code, 'invalid_request');
        assert.deepEqual(r.body.error.details.issues[0].path, ['cccd']);
        const ok = await call(app, 'POST', '/v1/appointments', { body: request(freshSlot(), { cccd: '079203001234' }) });
        assert.equal(ok.status, 201);
      } finally {
        await setBooking(opened.db, agency.code, { requiresCccd: false });
      }
    });

    it('refuses slots that do not exist or are closed, and procedures the agency does not handle', async () => {
      const offGrid = new Date(new Date(slots[0]!.start).getTime() + 7 * 60_000).toISOString();
      const r1 = await call(app, 'POST', '/v1/appointments', { body: request(offGrid) });
      assert.equal(r1.status, 422);
      assert.equal(r1.body.error.details.reason, 'no_such_slot');
      const sunday = await call(app, 'POST', '/v1/appointments', { body: request('2026-03-15T09:00:00+07:00') });
      assert.equal(sunday.status, 422);
      assert.equal(sunday.body.error.details.reason, 'weekend');
      const past = await call(app, 'POST', '/v1/appointments', { body: request('2026-03-09T09:00:00+07:00') });
      assert.equal(past.status, 422);
      const unknownProcedure = await call(app, 'POST', '/v1/appointments', { body: request(freshSlot(), { procedure: '9.999999' }) });
      assert.equal(unknownProcedure.status, 404);
      const handled = new Set(
        (await opened.db.selectFrom('agency_procedures').select('procedure_code').where('agency_code', '=', agency.code).execute()).map((r) => r.procedure_code),
      );
      const other = await opened.db.selectFrom('procedures').select('code').execute();
      const notHandled = other.find((p) => !handled.has(p.code));
      assert.ok(notHandled);
      const r = await call(app, 'POST', '/v1/appointments', { body: request(freshSlot(), { procedure: notHandled.code }) });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.details.reason, 'procedure_not_handled');
      const unknownAgency = await call(app, 'POST', '/v1/appointments', { body: request(freshSlot(), { agency: '999.99.99.H99' }) });
      assert.equal(unknownAgency.status, 404);
    });

    it('200 simultaneous bookings for a slot of capacity 5: exactly 5 succeed, 195 conflict', async () => {
      const start = freshSlot();
      const results = await Promise.all(Array.from({ length: 200 }, () => call(app, 'POST', '/v1/appointments', { body: request(start) })));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 5);
      assert.equal(statuses.filter((s) => s === 409).length, 195);
      const row = await opened.db.selectFrom('slot_bookings').select(['booked', 'capacity']).where('agency_code', '=', agency.code).where('slot_start', '=', new Date(start)).executeTakeFirstOrThrow();
      assert.deepEqual([row.booked, row.capacity], [5, 5]);
      const n = await opened.db.selectFrom('appointments').select((eb) => eb.fn.countAll().as('n')).where('agency_code', '=', agency.code).where('start_at', '=', new Date(start)).where('status', '=', 'booked').executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 5);
    });

    it('concurrent reschedules into a nearly full slot never overbook it', async () => {
      const target = freshSlot();
      const codes: { code: string; phone: string }[] = [];
      for (let i = 0; i < 8; i++) {
        const body = request(freshSlot());
        const r = await call(app, 'POST', '/v1/appointments', { body });
        assert.equal(r.status, 201);
        codes.push({ code: r.body.code, phone: body.phone as string });
      }
      const results = await Promise.all(codes.map((c) => call(app, 'POST', `/v1/appointments/${c.code}/reschedule`, { body: { phone: c.phone, start: target } })));
      assert.equal(results.filter((r) => r.status === 200).length, 5);
      assert.equal(results.filter((r) => r.status === 409).length, 3);
      const row = await opened.db.selectFrom('slot_bookings').select('booked').where('agency_code', '=', agency.code).where('slot_start', '=', new Date(target)).executeTakeFirstOrThrow();
      assert.equal(row.booked, 5);
    });
  });
}
