import { procedureHandlers } from './procedures.js';
import { dossierHandlers } from './dossiers.js';
import { surveyHandlers } from './surveys.js';
import { appointmentHandlers } from './appointments.js';

export const handlers = [...procedureHandlers, ...dossierHandlers, ...surveyHandlers, ...appointmentHandlers];
