import { DvcAppointmentBooking } from './appointment-booking.component.js';

export { DvcAppointmentBooking };

DvcAppointmentBooking.define('dvc-appointment-booking');

declare global {
  interface HTMLElementTagNameMap {
    'dvc-appointment-booking': DvcAppointmentBooking;
  }
}
