import { z } from 'zod';

/**
 * Bounds every number and time on the wire to what its ClickHouse column holds and what is
 * plausible, so a report that passes validation is one the engine accepts (an unbounded number
 * serialises as `1e+21`, which an integer column cannot parse, or wraps silently in a narrower one).
 * The receipt-relative window (not older than the input retention, not later than the receipt
 * time plus AGENT_CLOCK_TOLERANCE_SECONDS) is applied by the collector at ingest, which knows both.
 */

export const UINT16_MAX = 65_535;
export const UINT32_MAX = 4_294_967_295;

/** A whole number from 0 to `max`; zod's `int()` already keeps it a safe integer (no exponent form). */
export const uint = (max: number = Number.MAX_SAFE_INTEGER) => z.number().int().nonnegative().max(max);

/** A non-negative measurement no larger than `max` (a Float64 or Float32 column, or a JSON body). */
export const measure = (max: number) => z.number().nonnegative().max(max);

/**
 * Earliest and latest calendar dates accepted anywhere on the wire. The end is the last day a
 * ClickHouse `Date` holds (2149-06-06); the start is the Unix epoch, where `Date` begins. Both are
 * far outside what is plausible: the receipt window and the age checks narrow them at ingest.
 */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '2149-06-06';

/**
 * How far ahead of the collector's receipt time an agent's clock may be before its times are
 * clamped: 5 minutes, the maximum clock skew Kerberos tolerates by default (MIT Kerberos
 * `clockskew`, Microsoft "Maximum tolerance for computer clock synchronization"), which a domain-joined
 * device already has to meet. The project's choice: a clock right to NTP is well inside it, a
 * report in transit does not reach it, and a lie beyond it gains at most 5 minutes.
 */
export const AGENT_CLOCK_TOLERANCE_SECONDS = 300;

/** An ISO 8601 time with offset, within EARLIEST_DATE … LATEST_DATE (as stored, UTC). */
export const agentTime = () =>
  z.iso.datetime({ offset: true }).refine((value) => withinCalendar(utcDay(value)), {
    message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
  });

/** A YYYY-MM-DD date within EARLIEST_DATE … LATEST_DATE. */
export const agentDate = () =>
  z.iso.date().describe('YYYY-MM-DD').refine(withinCalendar, { message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}` });

// Refinements run even when the format check failed, so both take any string without throwing.
function withinCalendar(day: string | undefined): boolean {
  return day !== undefined && day >= EARLIEST_DATE && day <= LATEST_DATE;
}

function utcDay(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}
