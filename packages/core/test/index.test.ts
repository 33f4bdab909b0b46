import { expect } from '@open-wc/testing';
import * as core from '../src/index.js';

describe('@dvc-widgets/core index', () => {
  it('exports the public API named in ARCHITECTURE.md', () => {
    for (const name of [
      'DEV_MODE', 'DvcError', 'ApiError', 'RateLimitedError', 'NetworkError', 'TimeoutError', 'OfflineError',
      'ValidationError', 'AbortedError', 'resolveConfig', 'ApiClient', 'getApiClient', 'newIdempotencyKey',
      'DataTask', 'ApiController', 'Outbox', 'OutboxController', 'getI18n', 'registerLocale', 'setStrings',
      'LocalizeController', 'tokens', 'baseStyles', 'DvcElement', 'DvcProcedureSelectEvent', 'DvcBookRequestEvent',
      'DvcDossierFoundEvent', 'DvcRateRequestEvent', 'DvcSurveySubmittedEvent', 'DvcSurveyQueuedEvent',
      'DvcAppointmentBookedEvent', 'fold', 'foldLoose', 'normalizeVi', 'tokenize', 'normalizeDossierCode',
      'isDossierCode', 'normalizePhone', 'isMobile', 'isCccd', 'isProcedureCode', 'readJson', 'writeJson', 'remove',
      'AnnouncerController', 'RetryCountdownController', 'FocusController', 'deepActiveElement',
      'InProgressError', 'ServiceMisconfiguredError', 'RequestRefusedError', 'refusalOf', 'isTransient', 'errorMessageKey',
      'contactMessageKey', 'toErrorRecord', 'errorFromRecord', 'resolveContact', 'API_HEADER',
    ]) {
      expect(core, name).to.have.property(name);
      expect((core as Record<string, unknown>)[name], name).to.not.equal(undefined);
    }
  });

  it('is in development mode in source', () => {
    expect(core.DEV_MODE).to.equal(true);
  });
});
