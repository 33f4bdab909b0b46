/**
 * Typed events the widgets fire. Each is a CustomEvent subclass with a typed `detail`, bubbling
 * and composed so it leaves the widget's shadow root and reaches the page (and other widgets
 * listening on `document`). Request events are cancelable: the widget that handles one calls
 * `preventDefault()`, so the sender knows it was taken care of.
 */
import type { DossierStatus } from '@dvc-widgets/contract';

const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({
  detail,
  bubbles: true,
  composed: true,
  cancelable,
});

export interface DvcProcedureSelectDetail {
  code: string;
  name: string;
}
/** A procedure was chosen in procedure-lookup. */
export class DvcProcedureSelectEvent extends CustomEvent<DvcProcedureSelectDetail> {
  static readonly eventName = 'dvc-procedure-select' as const;
  constructor(detail: DvcProcedureSelectDetail) {
    super(DvcProcedureSelectEvent.eventName, init(detail));
  }
}

export interface DvcBookRequestDetail {
  procedureCode: string;
  procedureName: string;
}
/** procedure-lookup asks for an appointment; appointment-booking takes it (`preventDefault()`). */
export class DvcBookRequestEvent extends CustomEvent<DvcBookRequestDetail> {
  static readonly eventName = 'dvc-book-request' as const;
  constructor(detail: DvcBookRequestDetail) {
    super(DvcBookRequestEvent.eventName, init(detail, true));
  }
}

export interface DvcDossierFoundDetail {
  code: string;
  status: DossierStatus;
}
/** dossier-tracker found a dossier. */
export class DvcDossierFoundEvent extends CustomEvent<DvcDossierFoundDetail> {
  static readonly eventName = 'dvc-dossier-found' as const;
  constructor(detail: DvcDossierFoundDetail) {
    super(DvcDossierFoundEvent.eventName, init(detail));
  }
}

export interface DvcRateRequestDetail {
  dossierCode: string;
}
/** dossier-tracker asks to rate a dossier; satisfaction-survey takes it (`preventDefault()`). */
export class DvcRateRequestEvent extends CustomEvent<DvcRateRequestDetail> {
  static readonly eventName = 'dvc-rate-request' as const;
  constructor(detail: DvcRateRequestDetail) {
    super(DvcRateRequestEvent.eventName, init(detail, true));
  }
}

export interface DvcSurveySubmittedDetail {
  reference: string;
  dossierCode: string;
}
/** A rating reached the server. */
export class DvcSurveySubmittedEvent extends CustomEvent<DvcSurveySubmittedDetail> {
  static readonly eventName = 'dvc-survey-submitted' as const;
  constructor(detail: DvcSurveySubmittedDetail) {
    super(DvcSurveySubmittedEvent.eventName, init(detail));
  }
}

export interface DvcSurveyQueuedDetail {
  dossierCode: string;
  idempotencyKey: string;
}
/** A rating was saved in the outbox (offline) and will be sent later. */
export class DvcSurveyQueuedEvent extends CustomEvent<DvcSurveyQueuedDetail> {
  static readonly eventName = 'dvc-survey-queued' as const;
  constructor(detail: DvcSurveyQueuedDetail) {
    super(DvcSurveyQueuedEvent.eventName, init(detail));
  }
}

export interface DvcAppointmentBookedDetail {
  code: string;
  start: string;
  end: string;
  agency: string;
}
/** A booking was confirmed. */
export class DvcAppointmentBookedEvent extends CustomEvent<DvcAppointmentBookedDetail> {
  static readonly eventName = 'dvc-appointment-booked' as const;
  constructor(detail: DvcAppointmentBookedDetail) {
    super(DvcAppointmentBookedEvent.eventName, init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-procedure-select': DvcProcedureSelectEvent;
    'dvc-book-request': DvcBookRequestEvent;
    'dvc-dossier-found': DvcDossierFoundEvent;
    'dvc-rate-request': DvcRateRequestEvent;
    'dvc-survey-submitted': DvcSurveySubmittedEvent;
    'dvc-survey-queued': DvcSurveyQueuedEvent;
    'dvc-appointment-booked': DvcAppointmentBookedEvent;
  }
}
