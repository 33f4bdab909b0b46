import { DvcSatisfactionSurvey } from './satisfaction-survey.component.js';

// Registration only (never redefines: two bundles on one page share the first definition).
DvcSatisfactionSurvey.define('dvc-satisfaction-survey');

export { DvcSatisfactionSurvey };

declare global {
  interface HTMLElementTagNameMap {
    'dvc-satisfaction-survey': DvcSatisfactionSurvey;
  }
}
