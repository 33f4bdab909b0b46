/** @dvc-widgets/satisfaction-survey — the class and its events (import `./define` to register the tag). */
export {
  DvcSatisfactionSurvey,
  DEFAULT_SURVEY_ID,
  periodRange,
  type ResultsPeriod,
  type SurveyMode,
  type SurveyStep,
  type SurveyView,
} from './satisfaction-survey.component.js';
export {
  DvcRateRequestEvent,
  DvcSurveyQueuedEvent,
  DvcSurveySubmittedEvent,
  type DvcRateRequestDetail,
  type DvcSurveyQueuedDetail,
  type DvcSurveySubmittedDetail,
} from '@dvc-widgets/core';
