import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  Appointment,
  AppointmentRequest,
  ProcedureDetail,
  Slot,
  SlotDay,
  SlotsResponse,
} from '@dvc-widgets/contract';
import { buildSlotDays, maskPhone, toIsoVn, type AgencyRecord } from '../domain/index.js';
import type { AppointmentTable, Database } from '../db/schema.js';
import { HttpError, notFound } from '../http/errors.js';
import { randomCode } from './codes.js';
import { addDays, daysBetween, vnDate, vnDayStart } from '@dvc-widgets/vn/vn-date';
import type { ProcedureService } from './procedures.js';
import { fromJson, type Store } from './store.js';

type Row = Selectable<AppointmentTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** Longest range one slots request may cover (the booking window is at most 90 days). */
const MAX_RANGE_DAYS = 92;
const DEFAULT_RANGE_DAYS = 14;

const sameInstant = (a: string | Date, b: string | Date) => new Date(a).getTime() === new Date(b).getTime();

/** Thrown inside a transaction to roll it back; mapped to an HttpError outside. */
class SlotFull extends Error {
  override name = 'SlotFull';
}

export class AppointmentService {
  constructor(
    private readonly store: Store,
    private readonly procedures: ProcedureService,
  ) {}

  /** Booked counts per slot start, keyed as `toIsoVn` writes the slot start (buildSlotDays' key). */
  private async bookedMap(db: Db, agency: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('slot_bookings')
      .select(['slot_start', 'booked'])
      .where('agency_code', '=', agency)
      .where('slot_start', '>=', vnDayStart(from))
      .where('slot_start', '<', vnDayStart(addDays(to, 1)))
      .execute();
    const map = new Map<string, number>();
    for (const r of rows) {
      const d = new Date(r.slot_start);
      map.set(toIsoVn(d), r.booked);
    }
    return map;
  }

  private async days(db: Db, agency: AgencyRecord, from: string, to: string): Promise<SlotDay[]> {
    return buildSlotDays({
      agency,
      calendar: this.store.calendar(agency),
      from,
      to,
      now: this.store.now(),
      booked: await this.bookedMap(db, agency.code, from, to),
    });
  }

  async slots(agencyCode: string, query: { procedure?: string; from?: string; to?: string }): Promise<SlotsResponse> {
    const agency = await this.store.agency(agencyCode);
    // The contract lists only not_found for slots: a procedure this agency does not handle is
    // not found *here*.
    if (query.procedure && !(await this.procedures.handles(agency.code, query.procedure))) {
      throw notFound('Procedure', { procedure: query.procedure, reason: 'procedure_not_handled' });
    }
    const today = vnDate(this.store.now());
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, Math.min(DEFAULT_RANGE_DAYS, agency.booking.daysAhead) - 1);
    if (from > to) throw new HttpError('invalid_request', '`from` must not be after `to`', { from, to });
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
      throw new HttpError('invalid_request', `At most ${MAX_RANGE_DAYS} days per request`, { from, to });
    }
    return {
      agency: agency.code,
      procedure: query.procedure ?? null,
      from,
      to,
      days: await this.days(this.store.db, agency, from, to),
    };
  }

  private async requireHandled(agency: AgencyRecord, procedure: string): Promise<void> {
    if (!(await this.procedures.summary(procedure))) throw notFound('Procedure', { procedure });
    if (!(await this.procedures.handles(agency.code, procedure))) {
      throw new HttpError('unprocessable', 'This agency does not handle that procedure', {
        reason: 'procedure_not_handled',
        agency: agency.code,
        procedure,
      });
    }
  }

  /** The open slot starting at `start`, or a 422/409 explaining why it cannot be booked. */
  private async openSlot(db: Db, agency: AgencyRecord, start: string): Promise<{ day: SlotDay; slot: Slot }> {
    const date = vnDate(new Date(start));
    const [day] = await this.days(db, agency, date, date);
    if (!day) throw new HttpError('unprocessable', 'No such slot', { reason: 'no_such_slot', start });
    if (day.status === 'closed') {
      throw new HttpError('unprocessable', 'The office does not take bookings for that time', {
        reason: day.closedReason ?? 'closed',
        date,
        ...(day.holidayName ? { holidayName: day.holidayName } : {}),
      });
    }
    const slot = day.slots.find((s) => sameInstant(s.start, start));
    if (!slot) throw new HttpError('unprocessable', 'No such slot', { reason: 'no_such_slot', start });
    return { day, slot };
  }

  private async fullConflict(agency: AgencyRecord, start: string): Promise<HttpError> {
    const date = vnDate(new Date(start));
    const [availability] = await this.days(this.store.db, agency, date, date);
    return new HttpError('conflict', 'That slot is fully booked', { reason: 'slot_full', availability });
  }

  /**
   * Takes one place in a slot. The conditional UPDATE is atomic in both databases: however many
   * requests race, `booked` never passes `capacity` (a CHECK constraint backs this up).
   */
  private async takePlace(trx: Transaction<Database>, agency: AgencyRecord, start: Date): Promise<void> {
    await trx
      .insertInto('slot_bookings')
      .values({ agency_code: agency.code, slot_start: start.toISOString(), booked: 0, capacity: agency.booking.capacityPerSlot })
      .onConflict((oc) =>
        oc.columns(['agency_code', 'slot_start']).doUpdateSet({
          // Follows policy changes, but never below what is already booked.
          capacity: sql<number>`greatest(slot_bookings.booked, excluded.capacity)`,
        }),
      )
      .execute();
    const taken = await trx
      .updateTable('slot_bookings')
      .set({ booked: sql<number>`booked + 1` })
      .where('agency_code', '=', agency.code)
      .where('slot_start', '=', start)
      .where(sql<boolean>`booked < capacity`)
      .returning('booked')
      .executeTakeFirst();
    if (!taken) throw new SlotFull();
  }

  private async freePlace(trx: Transaction<Database>, agency: string, start: Date): Promise<void> {
    await trx
      .updateTable('slot_bookings')
      .set({ booked: sql<number>`booked - 1` })
      .where('agency_code', '=', agency)
      .where('slot_start', '=', start)
      .where('booked', '>', 0)
      .execute();
  }

  /**
   * Serialises bookings of one phone on one day (advisory lock, released at commit) so two
   * concurrent requests cannot both pass the per-phone limit.
   */
  private async checkPhoneLimit(trx: Transaction<Database>, agency: AgencyRecord, phone: string, day: string, except?: string) {
    await sql`select pg_advisory_xact_lock(hashtext(${`${agency.code}|${phone}|${day}`}))`.execute(trx);
    let q = trx
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('agency_code', '=', agency.code)
      .where('phone', '=', phone)
      .where('day', '=', day)
      .where('status', '=', 'booked');
    if (except) q = q.where('code', '<>', except);
    const { n } = await q.executeTakeFirstOrThrow();
    if (Number(n) >= agency.booking.maxPerPhonePerDay) {
      throw new HttpError('conflict', 'This phone number already has the most bookings allowed that day', {
        reason: 'phone_limit',
        maxPerPhonePerDay: agency.booking.maxPerPhonePerDay,
        date: day,
      });
    }
  }

  private counterFor(agency: AgencyRecord, field: string): { id: string; name: string } {
    const counter =
      agency.counters.find((c) => c.fields.includes(field)) ??
      agency.counters.find((c) => c.fields.length === 0) ??
      agency.counters[0];
    return counter ? { id: counter.id, name: counter.name } : { id: 'mot-cua', name: 'Bộ phận Một cửa' };
  }

  async create(body: AppointmentRequest): Promise<Appointment> {
    const agency = await this.store.agency(body.agency);
    if (!agency.booking.enabled) {
      throw new HttpError('unprocessable', 'This agency does not take appointments', { reason: 'booking_disabled' });
    }
    await this.requireHandled(agency, body.procedure);
    // Why a 400 with field details: the form must ask for the citizen ID, like any invalid field.
    if (agency.booking.requiresCccd && !body.cccd) {
      throw new HttpError('invalid_request', 'This agency requires the citizen ID (CCCD) for bookings', {
        issues: [{ path: ['cccd'], message: 'required' }],
      });
    }
    const { day: slotDay, slot } = await this.openSlot(this.store.db, agency, body.start);
    // Already full when read: answer without taking the write path (the UPDATE below still
    // decides every race; this only spares the database under a rush for one slot).
    if (slot.remaining === 0) {
      throw new HttpError('conflict', 'That slot is fully booked', { reason: 'slot_full', availability: slotDay });
    }
    const start = new Date(slot.start);
    const day = vnDate(start);
    const summary = (await this.procedures.summary(body.procedure))!;
    const counter = this.counterFor(agency, summary.field);
    const now = this.store.now();
    try {
      const code = await this.store.db.transaction().execute(async (trx) => {
        await this.checkPhoneLimit(trx, agency, body.phone, day);
        await this.takePlace(trx, agency, start);
        for (let attempt = 0; attempt < 8; attempt++) {
          const code = randomCode('LH-', 6);
          const inserted = await trx
            .insertInto('appointments')
            .values({
              code,
              agency_code: agency.code,
              procedure_code: body.procedure,
              counter_id: counter.id,
              start_at: start.toISOString(),
              end_at: new Date(slot.end).toISOString(),
              day,
              full_name: body.fullName.trim(),
              phone: body.phone,
              cccd: body.cccd ?? null,
              note: body.note?.trim() || null,
              status: 'booked',
              created_at: now.toISOString(),
              updated_at: now.toISOString(),
            })
            .onConflict((oc) => oc.column('code').doNothing())
            .returning('code')
            .executeTakeFirst();
          if (inserted) return code;
        }
        throw new HttpError('unavailable', 'Could not allocate a booking code, please retry');
      });
      return this.view(code);
    } catch (error) {
      if (error instanceof SlotFull) throw await this.fullConflict(agency, body.start);
      throw error;
    }
  }

  /** Code and phone must both match; a wrong either is the same 404, so neither is revealed. */
  private async owned(db: Db, code: string, phone: string): Promise<Row> {
    const row = await db.selectFrom('appointments').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row || row.phone !== phone) throw notFound('Appointment');
    return row;
  }

  async lookup(code: string, phone: string): Promise<Appointment> {
    await this.owned(this.store.db, code, phone);
    return this.view(code);
  }

  async cancel(code: string, phone: string): Promise<Appointment> {
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.owned(trx, code, phone);
      if (row.status !== 'booked') {
        throw new HttpError('conflict', 'This booking is already cancelled', { reason: 'already_cancelled' });
      }
      if (new Date(row.start_at).getTime() <= this.store.now().getTime()) {
        throw new HttpError('conflict', 'This booking has already started', { reason: 'past' });
      }
      // The status change is conditional, so two concurrent cancels free the place only once.
      const changed = await trx
        .updateTable('appointments')
        .set({ status: 'cancelled', updated_at: this.store.now().toISOString() })
        .where('code', '=', code)
        .where('status', '=', 'booked')
        .returning('code')
        .executeTakeFirst();
      if (!changed) throw new HttpError('conflict', 'This booking is already cancelled', { reason: 'already_cancelled' });
      await this.freePlace(trx, row.agency_code, new Date(row.start_at));
    });
    return this.view(code);
  }

  async reschedule(code: string, phone: string, newStart: string): Promise<Appointment> {
    const current = await this.owned(this.store.db, code, phone);
    if (current.status !== 'booked') {
      throw new HttpError('conflict', 'A cancelled booking cannot be moved', { reason: 'already_cancelled' });
    }
    if (new Date(current.start_at).getTime() <= this.store.now().getTime()) {
      throw new HttpError('conflict', 'This booking has already started', { reason: 'past' });
    }
    if (sameInstant(current.start_at, newStart)) return this.view(code);
    const agency = await this.store.agency(current.agency_code);
    const { slot } = await this.openSlot(this.store.db, agency, newStart);
    const start = new Date(slot.start);
    const oldStart = new Date(current.start_at);
    const day = vnDate(start);
    try {
      await this.store.db.transaction().execute(async (trx) => {
        await this.checkPhoneLimit(trx, agency, phone, day, code);
        // Lock both slot rows in a fixed order, so two bookings swapping slots cannot deadlock.
        await this.takePlaceOrdered(trx, agency, start, oldStart);
        const moved = await trx
          .updateTable('appointments')
          .set({
            start_at: start.toISOString(),
            end_at: new Date(slot.end).toISOString(),
            day,
            updated_at: this.store.now().toISOString(),
          })
          .where('code', '=', code)
          .where('status', '=', 'booked')
          .where('start_at', '=', oldStart)
          .returning('code')
          .executeTakeFirst();
        if (!moved) throw new HttpError('conflict', 'The booking changed meanwhile, please retry', { reason: 'changed' });
        await this.freePlace(trx, agency.code, oldStart);
      });
    } catch (error) {
      if (error instanceof SlotFull) throw await this.fullConflict(agency, newStart);
      throw error;
    }
    return this.view(code);
  }

  private async takePlaceOrdered(trx: Transaction<Database>, agency: AgencyRecord, start: Date, oldStart: Date) {
    const starts = [start, oldStart].sort((a, b) => a.getTime() - b.getTime());
    await trx
      .selectFrom('slot_bookings')
      .select('slot_start')
      .where('agency_code', '=', agency.code)
      .where('slot_start', 'in', starts)
      .orderBy('slot_start')
      .forUpdate()
      .execute();
    await this.takePlace(trx, agency, start);
  }

  private bring(detail: ProcedureDetail | null): string[] {
    if (!detail) return [];
    const groups = detail.documents.filter((g) => g.items.length);
    const out = groups.flatMap((g) =>
      g.items.map((i) => (groups.length > 1 && g.title ? `${g.title}: ${i.name}` : i.name)),
    );
    return [...new Set(out)];
  }

  async view(code: string): Promise<Appointment> {
    const row = await (this.store.db.selectFrom('appointments').selectAll().where('code', '=', code).executeTakeFirstOrThrow());
    const agency = await this.store.recentAgency(row.agency_code);
    const detailRow = await this.store.db
      .selectFrom('procedures')
      .select(['name', 'detail'])
      .where('code', '=', row.procedure_code)
      .executeTakeFirst();
    const detail = detailRow ? fromJson<ProcedureDetail>(detailRow.detail) : null;
    const counter = agency.counters.find((c) => c.id === row.counter_id);
    return {
      code: row.code,
      status: row.status === 'cancelled' ? 'cancelled' : 'booked',
      agency: { code: agency.code, name: agency.name, address: agency.address, phone: agency.phone },
      counter: { id: row.counter_id, name: counter?.name ?? 'Bộ phận Một cửa' },
      procedure: { code: row.procedure_code, name: detailRow?.name ?? row.procedure_code },
      start: toIsoVn(new Date(row.start_at)),
      end: toIsoVn(new Date(row.end_at)),
      fullName: row.full_name,
      phone: maskPhone(row.phone),
      note: row.note,
      bring: this.bring(detail),
      createdAt: toIsoVn(new Date(row.created_at)),
    };
  }
}
