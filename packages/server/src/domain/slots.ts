import type { Slot, SlotDay } from '@dvc-widgets/contract';
import type { WorkingCalendar } from './calendar.js';
import type { AgencyRecord } from './dossier.js';
import { MINUTE_MS, addDays, daysBetween, toIsoVn, vnDate } from '@dvc-widgets/vn/vn-date';

/**
 * Appointment slots per day from `from` to `to` (dates, inclusive). Slots of
 * `booking.slotMinutes` fill each opening interval (a slot never runs past closing); capacity is
 * `booking.capacityPerSlot`, remaining is capacity minus `booked` (keyed by the slot start as
 * `toIsoVn` writes it). Slots that have started are left out; a day with none left is closed
 * as 'past'. Days after today + `daysAhead` are closed as 'beyond_window'; with booking turned
 * off every day is closed as 'agency_closed'.
 */
export function buildSlotDays(args: {
  agency: AgencyRecord;
  calendar: WorkingCalendar;
  from: string;
  to: string;
  now: Date;
  booked: Map<string, number>;
}): SlotDay[] {
  const { agency, calendar, now, booked } = args;
  const today = vnDate(now);
  const lastBookable = addDays(today, agency.booking.daysAhead);
  const step = agency.booking.slotMinutes * MINUTE_MS;
  const capacity = agency.booking.capacityPerSlot;
  const days: SlotDay[] = [];
  const span = daysBetween(args.from, args.to);
  for (let i = 0; i <= span; i++) {
    const date = addDays(args.from, i);
    const closed = (reason: SlotDay['closedReason']): SlotDay => ({
      date,
      status: 'closed',
      closedReason: reason,
      holidayName: reason === 'holiday' ? calendar.holidayName(date) : null,
      capacity: 0,
      remaining: 0,
      slots: [],
    });
    if (date < today) {
      days.push(closed('past'));
      continue;
    }
    // An agency that turned booking off shows every day closed rather than an empty calendar.
    const reason = agency.booking.enabled ? calendar.closedReason(date) : 'agency_closed';
    if (reason) {
      days.push(closed(reason));
      continue;
    }
    if (date > lastBookable) {
      days.push(closed('beyond_window'));
      continue;
    }
    const slots: Slot[] = [];
    for (const interval of calendar.intervalsOn(date)) {
      for (let t = interval.start.getTime(); t + step <= interval.end.getTime(); t += step) {
        if (t <= now.getTime()) continue;
        const start = toIsoVn(new Date(t));
        const taken = booked.get(start) ?? 0;
        slots.push({ start, end: toIsoVn(new Date(t + step)), capacity, remaining: Math.max(0, capacity - taken) });
      }
    }
    if (slots.length === 0) {
      days.push(closed('past'));
      continue;
    }
    const remaining = slots.reduce((s, x) => s + x.remaining, 0);
    days.push({
      date,
      status: remaining > 0 ? 'open' : 'full',
      closedReason: null,
      holidayName: null,
      capacity: slots.reduce((s, x) => s + x.capacity, 0),
      remaining,
      slots,
    });
  }
  return days;
}
