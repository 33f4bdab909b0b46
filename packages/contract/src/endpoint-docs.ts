import type { EndpointName } from './endpoints.js';

/** What the OpenAPI document (and the server's reference page) says about each operation. */
export interface EndpointDocs {
  summary: string;
  tags: string[];
  /** Error codes this operation can answer with (besides `invalid_request`, `internal`). */
  errors: string[];
}

/**
 * Documentation of every operation in `endpoints`, keyed the same way (the type makes a missing
 * or unknown operation a compile error). Kept apart from the endpoint table because only the
 * OpenAPI generator and the server's tests read it: widgets never download these strings.
 */
export const endpointDocs: { readonly [N in EndpointName]: EndpointDocs } = {
  getAgency: {
    summary: 'Agency by code, with hours, counters and booking policy',
    tags: ['agencies'],
    errors: ['not_found'],
  },
  listFields: {
    summary: 'Fields (lĩnh vực) with procedure counts, optionally for one agency',
    tags: ['procedures'],
    errors: ['not_found'],
  },
  searchProcedures: {
    summary: 'Search procedures (Vietnamese-aware, accent-insensitive) with filters, facets and paging',
    tags: ['procedures'],
    errors: ['not_found'],
  },
  getProcedureIndex: {
    summary: 'Compact procedure catalog for client-side search (ETag, If-None-Match)',
    tags: ['procedures'],
    errors: ['not_found'],
  },
  getProcedure: {
    summary: 'Procedure detail with every legal component',
    tags: ['procedures'],
    errors: ['not_found'],
  },
  getDossier: {
    summary: 'Dossier status by code (masked applicant; rate-limited per client)',
    tags: ['dossiers'],
    errors: ['not_found', 'rate_limited'],
  },
  getSurvey: {
    summary: 'Survey definition (criteria and scale)',
    tags: ['surveys'],
    errors: ['not_found'],
  },
  checkSurveyEligibility: {
    summary: 'Whether a dossier can be rated (result returned, not yet rated)',
    tags: ['surveys'],
    errors: ['not_found', 'rate_limited'],
  },
  submitSurveyResponse: {
    summary: 'Submit a rating for a dossier (one per dossier; Idempotency-Key required)',
    tags: ['surveys'],
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  },
  getSurveyResults: {
    summary: 'Aggregated satisfaction per criterion over a period',
    tags: ['surveys'],
    errors: ['not_found'],
  },
  getSlots: {
    summary: 'Appointment slots by day: open, full, closed with reason',
    tags: ['appointments'],
    errors: ['not_found'],
  },
  createAppointment: {
    summary: 'Book a slot (capacity enforced; Idempotency-Key required)',
    tags: ['appointments'],
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  },
  getAppointment: {
    summary: 'Look up a booking by code and phone',
    tags: ['appointments'],
    errors: ['not_found', 'rate_limited'],
  },
  cancelAppointment: {
    summary: 'Cancel a booking (frees the place; Idempotency-Key required)',
    tags: ['appointments'],
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  },
  rescheduleAppointment: {
    summary: 'Move a booking to another slot (Idempotency-Key required)',
    tags: ['appointments'],
    errors: ['not_found', 'conflict', 'unprocessable', 'rate_limited'],
  },
};
