import { DvcProcedureLookup } from './procedure-lookup.component.js';

DvcProcedureLookup.define('dvc-procedure-lookup');

declare global {
  interface HTMLElementTagNameMap {
    'dvc-procedure-lookup': DvcProcedureLookup;
  }
}
