import * as z from 'zod/mini';

/** Calendar date in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();
/** Instant with an explicit offset, e.g. `2026-03-10T08:15:00+07:00`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** Wall-clock time `HH:MM` (24 h) in Asia/Ho_Chi_Minh. */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** Text supplied by the API in both languages (data, not UI strings). */
export const LocalizedText = z.object({ vi: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const ErrorCode = z.enum([
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error envelope every non-2xx answer uses. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const PageQuery = {
  page: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000))),
  pageSize: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
};

/** A page of items; `page` is 1-based. */
export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().check(z.int(), z.gte(0)),
    page: z.number().check(z.int(), z.gte(1)),
    pageSize: z.number().check(z.int(), z.gte(1)),
  });

export const FacetCount = z.object({ value: z.string(), count: z.number().check(z.int(), z.gte(0)) });
export type FacetCount = z.infer<typeof FacetCount>;
