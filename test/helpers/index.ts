// Shared helpers for browser tests: `import { setOffline, useRealApi } from '../../../test/helpers/index.js'`.
export { setOffline, whileOffline } from './network.js';
export { captureLitWarnings, expectNoLitDevWarnings, isLitDevWarning, type LitWarningCapture } from './lit-warnings.js';
export { API_BASE, useRealApi, waitForApi } from './e2e.js';
export { pinClock } from './pin-clock.js';
export { pressWhilePending } from './pending-button.js';
