import { z } from 'zod';

// The fields every input contract is built from (issue 10). A value the database cannot hold
// as sent is refused here, with a reason that names the field — not altered on the way in and
// not a 500 from PostgreSQL. Response contracts (the *View schemas) keep plain types: they
// describe what is already stored, and the serializer checks them on every answer.

/** The largest whole number PostgreSQL's `integer` holds: versions, positions, minutes, limits. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/** The dates a plan, effort, follow-up or consent can carry. PostgreSQL has no year 0000. */
export const DATE_RANGE = { min: '1900-01-01', max: '2200-12-31' } as const;

// NUL, which a PostgreSQL text cannot hold, and half of a UTF-16 surrogate pair, which has no
// UTF-8 form (the pg driver would store U+FFFD in its place: the person's words, changed).
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a text can be stored and read back exactly as it is. */
export const isStorableText = (s: string) => !unstorable.test(s);

/** Any text a person sends. Refused (never cleaned) when it holds what cannot be stored as sent. */
export const plainText = () =>
  z.string().refine(isStorableText, {
    message: 'holds a character that cannot be stored (NUL or half of a surrogate pair); type it again',
    params: { reason: 'invalidCharacters' },
    abort: true,
  });

/** Text that must be filled in: trimmed, at least `min` and at most `max` characters. */
export const requiredText = (max: number, min = 1, tooShort = 'must not be empty') =>
  plainText().trim().min(min, tooShort).max(max, `must be at most ${max} characters`);

/** Text that may be left empty: trimmed, at most `max` characters. */
export const optionalText = (max: number) => plainText().trim().max(max, `must be at most ${max} characters`);

/** A whole number an `integer` column holds, within [min, max] (never beyond int4). */
export const int4 = (min = INT4_MIN, max = INT4_MAX) =>
  z
    .number()
    .int()
    .min(Math.max(min, INT4_MIN))
    .max(Math.min(max, INT4_MAX));

/** The same, from a query string ("25"). */
export const queryInt4 = (min = INT4_MIN, max = INT4_MAX) =>
  z.coerce
    .number()
    .int()
    .min(Math.max(min, INT4_MIN))
    .max(Math.min(max, INT4_MAX));

/** A keyset cursor from a query string: a `bigint` identity, as far as JavaScript counts exactly. */
export const queryCursor = () => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The plan version a write was based on. */
export const version = int4(1);

const dateShaped = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, YYYY-MM-DD, from DATE_RANGE.min to DATE_RANGE.max. */
export const calendarDate = z.iso
  .date()
  .refine((d) => !dateShaped.test(d) || (d >= DATE_RANGE.min && d <= DATE_RANGE.max), {
    message: `must be a date from ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
    params: { reason: 'invalidDate' },
  });
