/**
 * @dvc-widgets/appointment-booking — the class and its event, without registering the tag.
 * Import `@dvc-widgets/appointment-booking/define` (or `DvcAppointmentBooking.define(tag)`) to register.
 */
export { DvcAppointmentBooking, type BookingStep } from './appointment-booking.component.js';
export { DvcAppointmentBookedEvent, type DvcAppointmentBookedDetail } from '@dvc-widgets/core';
export { buildIcs, escapeText, foldLine, toUtcStamp, type IcsEvent } from './ics.js';
