import type { EndpointHandlers } from './http/routes.js';
import type { AppointmentService } from './services/appointments.js';
import type { DossierService } from './services/dossiers.js';
import type { ProcedureService } from './services/procedures.js';
import type { Store } from './services/store.js';
import type { SurveyService } from './services/surveys.js';

export interface Services {
  store: Store;
  procedures: ProcedureService;
  dossiers: DossierService;
  surveys: SurveyService;
  appointments: AppointmentService;
}

/** Each contract operation mapped to the service call that answers it. */
export function endpointHandlers({ store, procedures, dossiers, surveys, appointments }: Services): EndpointHandlers {
  return {
    getAgency: async ({ params }) => {
      const { procedureCodes: _codes, corsOrigins: _origins, ...agency } = await store.agency(params.agencyCode);
      return agency;
    },
    listFields: ({ query }) => procedures.fields(query.agency),
    searchProcedures: ({ query }) => procedures.search(query),
    getProcedureIndex: ({ query }) => procedures.index(query.agency),
    getProcedure: ({ params }) => procedures.detail(params.code),
    getDossier: ({ params }) => dossiers.lookup(params.code),
    getSurvey: ({ params }) => surveys.definition(params.surveyId),
    checkSurveyEligibility: ({ params }) => surveys.eligibility(params.surveyId, params.dossierCode),
    submitSurveyResponse: ({ params, body }) => surveys.submit(params.surveyId, body),
    getSurveyResults: ({ params, query }) => surveys.results(params.surveyId, query),
    getSlots: ({ params, query }) => appointments.slots(params.agencyCode, query),
    createAppointment: ({ body }) => appointments.create(body),
    getAppointment: ({ params, query }) => appointments.lookup(params.code, query.phone),
    cancelAppointment: ({ params, body }) => appointments.cancel(params.code, body.phone),
    rescheduleAppointment: ({ params, body }) => appointments.reschedule(params.code, body.phone, body.start),
  };
}
