import type { Logger } from 'pino';

/** What the middleware chain puts on every request's context (`c.get('log')` …). */
export type AppEnv = {
  Variables: {
    /** The request id, echoed as `X-Request-Id`; on every log line of the request. */
    requestId: string;
    /** The app's logger bound to this request's id: use it for anything logged while answering. */
    log: Logger;
    /** The contract operation answering (`getDossier` …), or a route name; labels the metrics. */
    operation: string;
    /** `details.reason` of a 409/422 answer (slot_full, phone_limit…); labels the refusal metrics. */
    reason: string;
  };
};
