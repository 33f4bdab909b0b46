import { http, HttpResponse, type HttpHandler } from 'msw';
import { AppointmentRequest, type Appointment, type ErrorEnvelope } from '@dvc-widgets/contract';
import { MOCK_API } from '../api.js';
import { findAgency } from '../../fixtures/agencies.js';
import {
  addDays,
  appointmentCode,
  bookingProcedureIndex,
  buildAppointment,
  buildSlots,
  sampleAppointment,
  SAMPLE_PHONE,
  vnToday,
} from '../../fixtures/appointments.js';

/**
 * MSW handlers for the appointments endpoints (and getAgency), answering with contract-valid
 * fixtures (test/fixtures/appointments.ts, test/fixtures/agencies.ts). A small in-memory store
 * makes bookings, idempotency keys, capacity and cancellation behave like the reference server;
 * `resetAppointmentStore()` clears it between tests.
 */

interface Store {
  byCode: Map<string, { appointment: Appointment; phone: string }>;
  byKey: Map<string, Appointment>;
  taken: Record<string, number>;
  next: number;
}

const store: Store = { byCode: new Map(), byKey: new Map(), taken: {}, next: 1 };

export function resetAppointmentStore(): void {
  store.byCode.clear();
  store.byKey.clear();
  store.taken = {};
  store.next = 1;
  const sample = sampleAppointment();
  store.byCode.set(sample.code, { appointment: sample, phone: SAMPLE_PHONE });
}
resetAppointmentStore();

export const error = (status: number, code: ErrorEnvelope['error']['code'], message: string, details?: Record<string, unknown>) =>
  HttpResponse.json({ error: { code, message, ...(details ? { details } : {}) } } satisfies ErrorEnvelope, { status });

const api = (path: string) => `${MOCK_API}/v1${path}`;

/** The day of `start`, fresh, as the server sends it in a 409 `details.availability`. */
function availabilityFor(agencyCode: string, start: string) {
  const agency = findAgency(agencyCode)!;
  const date = start.slice(0, 10);
  return buildSlots(agency, date, date, { taken: store.taken }).days[0];
}

export const appointmentHandlers: HttpHandler[] = [
  http.get(api('/agencies/:agencyCode'), ({ params }) => {
    const agency = findAgency(String(params['agencyCode']));
    return agency ? HttpResponse.json(agency) : error(404, 'not_found', 'Agency not found');
  }),

  http.get(api('/agencies/:agencyCode/slots'), ({ params, request }) => {
    const agency = findAgency(String(params['agencyCode']));
    if (!agency) return error(404, 'not_found', 'Agency not found');
    const url = new URL(request.url);
    const from = url.searchParams.get('from') ?? vnToday();
    const to = url.searchParams.get('to') ?? addDays(from, agency.booking.daysAhead);
    const res = buildSlots(agency, from, to, { taken: store.taken });
    return HttpResponse.json({ ...res, procedure: url.searchParams.get('procedure') });
  }),

  http.post(api('/appointments'), async ({ request }) => {
    const key = request.headers.get('Idempotency-Key');
    if (!key) return error(400, 'invalid_request', 'Idempotency-Key required');
    const replay = store.byKey.get(key);
    if (replay) return HttpResponse.json(replay, { status: 201 });
    const parsed = AppointmentRequest.safeParse(await request.json());
    if (!parsed.success) return error(400, 'invalid_request', 'Invalid booking');
    const req = parsed.data;
    const agency = findAgency(req.agency);
    if (!agency) return error(404, 'not_found', 'Agency not found');
    const day = availabilityFor(agency.code, req.start);
    const slot = day?.slots.find((s) => s.start === req.start);
    if (!slot) return error(422, 'unprocessable', 'No such slot');
    if (slot.remaining === 0) return error(409, 'conflict', 'Slot is full', { reason: 'slot_full', availability: day });
    const samePhoneSameDay = [...store.byCode.values()].filter(
      (b) => b.phone === req.phone && b.appointment.status === 'booked' && b.appointment.start.slice(0, 10) === req.start.slice(0, 10),
    ).length;
    if (samePhoneSameDay >= agency.booking.maxPerPhonePerDay) {
      return error(409, 'conflict', 'Phone limit reached', { reason: 'phone_limit', maxPerPhonePerDay: agency.booking.maxPerPhonePerDay, date: req.start.slice(0, 10) });
    }
    const appointment = buildAppointment(req, agency, appointmentCode(store.next++));
    store.byCode.set(appointment.code, { appointment, phone: req.phone });
    store.byKey.set(key, appointment);
    store.taken[req.start] = (store.taken[req.start] ?? 0) + 1;
    return HttpResponse.json(appointment, { status: 201 });
  }),

  http.get(api('/appointments/:code'), ({ params, request }) => {
    const found = store.byCode.get(String(params['code']));
    const phone = new URL(request.url).searchParams.get('phone');
    // Same answer for a wrong code and a wrong phone: a code alone reveals nothing.
    if (!found || found.phone !== phone) return error(404, 'not_found', 'Appointment not found');
    return HttpResponse.json(found.appointment);
  }),

  http.post(api('/appointments/:code/cancel'), async ({ params, request }) => {
    const found = store.byCode.get(String(params['code']));
    const body = (await request.json()) as { phone?: string };
    if (!found || found.phone !== body.phone) return error(404, 'not_found', 'Appointment not found');
    if (found.appointment.status !== 'booked') return error(409, 'conflict', 'Already cancelled', { reason: 'already_cancelled' });
    found.appointment = { ...found.appointment, status: 'cancelled' };
    store.taken[found.appointment.start] = (store.taken[found.appointment.start] ?? 0) - 1;
    return HttpResponse.json(found.appointment);
  }),

  http.post(api('/appointments/:code/reschedule'), async ({ params, request }) => {
    const found = store.byCode.get(String(params['code']));
    const body = (await request.json()) as { phone?: string; start?: string };
    if (!found || found.phone !== body.phone || !body.start) return error(404, 'not_found', 'Appointment not found');
    if (found.appointment.status !== 'booked') return error(409, 'conflict', 'Appointment is cancelled', { reason: 'cancelled' });
    const agency = findAgency(found.appointment.agency.code)!;
    const day = availabilityFor(agency.code, body.start);
    const slot = day?.slots.find((s) => s.start === body.start);
    if (!slot) return error(422, 'unprocessable', 'No such slot');
    if (slot.remaining === 0) return error(409, 'conflict', 'Slot is full', { reason: 'slot_full', availability: day });
    const moved = buildAppointment(
      {
        agency: agency.code,
        procedure: found.appointment.procedure.code,
        start: body.start,
        fullName: found.appointment.fullName,
        phone: found.phone,
        note: found.appointment.note ?? undefined,
      },
      agency,
      found.appointment.code,
      found.appointment.createdAt,
    );
    store.taken[found.appointment.start] = (store.taken[found.appointment.start] ?? 0) - 1;
    store.taken[body.start] = (store.taken[body.start] ?? 0) + 1;
    found.appointment = moved;
    return HttpResponse.json(moved);
  }),
];

/**
 * The booking widget's procedure index. Not in the array above: getProcedureIndex belongs to the
 * procedures handlers; tests and stories of the booking widget put this one first with
 * `worker.use(...)` / `parameters.msw.handlers`.
 */
export const bookingIndexHandler = http.get(api('/procedure-index'), ({ request }) => {
  const agency = findAgency(new URL(request.url).searchParams.get('agency') ?? '');
  return agency ? HttpResponse.json(bookingProcedureIndex(agency)) : error(404, 'not_found', 'Agency not found');
});
