import { DvcDossierTracker } from './dossier-tracker.component.js';

DvcDossierTracker.define('dvc-dossier-tracker');

declare global {
  interface HTMLElementTagNameMap {
    'dvc-dossier-tracker': DvcDossierTracker;
  }
}

export { DvcDossierTracker };
