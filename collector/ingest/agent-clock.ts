import { AGENT_CLOCK_TOLERANCE_SECONDS, isUnknown, unknown, type FieldProblem, type Inventory, type Report } from '../../protocol/index.js';

/**
 * Agent clocks are not trusted (a device's clock can be wrong, or set to lie). Every time an agent
 * sends is held to the collector's receipt time:
 * - times that place rows (collected_at, a sample's ts, a poll's polled_at) older than the input
 *   retention are refused, naming the field: the store would drop them at once, and they would
 *   spread one insert over more partitions than the engine takes;
 * - any time later than receipt plus AGENT_CLOCK_TOLERANCE_SECONDS cannot be true: a row time is
 *   clamped to that bound (a future collected_at cannot pin a device's latest state);
 * - an inventory date (last update, signatures, release, reference date for age) later than the
 *   report itself — its collected_at as clamped, plus the tolerance — becomes unknown with the
 *   reason, so a clock ahead never turns a control into a pass, for today's score or for a past
 *   date's (a report dated back 20 days cannot carry a last update from today);
 * - an age reference or manufacture date before 1990 is unknown too: no device in service is that old.
 * The skew (collected_at as sent minus receipt) is kept with the report for the IT-ops view.
 */

/** Before this, an age reference date is not a device's (the project's choice: PCs in service today postdate it). */
export const EARLIEST_PLAUSIBLE_DEVICE_DATE = '1990-01-01';

export interface Receipt {
  receivedAt: Date;
  /** Days the store keeps inputs (collector/store/retention.ts). */
  inputDays: number;
}

export interface BoundedReport {
  report: Report;
  /** collected_at as sent minus the receipt time, in milliseconds. */
  clockSkewMs: number;
  /** Row times outside the retention window: the report is refused with these. */
  problems: FieldProblem[];
}

export function boundToReceipt(sent: Report, receipt: Receipt): BoundedReport {
  const report = structuredClone(sent);
  const latestMs = receipt.receivedAt.getTime() + AGENT_CLOCK_TOLERANCE_SECONDS * 1000;
  const earliestMs = receipt.receivedAt.getTime() - receipt.inputDays * 86_400_000;
  const latestDay = new Date(latestMs).toISOString().slice(0, 10);
  const problems: FieldProblem[] = [];
  const received = receipt.receivedAt.toISOString();

  /** A time that places rows: refused when too old, clamped when ahead. */
  const rowTime = (value: string, field: string): string => {
    const ms = Date.parse(value);
    if (ms < earliestMs) {
      problems.push({ field, message: `${value} is older than the input retention (${receipt.inputDays} days before receipt, ${new Date(earliestMs).toISOString()})` });
    }
    return ms > latestMs ? new Date(latestMs).toISOString() : value;
  };
  report.collected_at = rowTime(report.collected_at, 'collected_at');
  report.samples?.forEach((sample, i) => (sample.ts = rowTime(sample.ts, `samples.${i}.ts`)));
  report.network_devices?.forEach((device, i) => {
    device.polled_at = rowTime(device.polled_at, `network_devices.${i}.polled_at`);
    if (device.last_ok_at !== undefined && Date.parse(device.last_ok_at) > Date.parse(device.polled_at)) device.last_ok_at = device.polled_at;
    const made = device.manufacture_date;
    if (typeof made === 'string' && (made > latestDay || made < EARLIEST_PLAUSIBLE_DEVICE_DATE)) {
      device.manufacture_date = unknown(made > latestDay ? `${made} is after the poll was received (${received})` : tooOld(made));
      delete device.age_days;
    }
  });
  // What the report says about itself cannot postdate it: inventory dates are held to its collected_at.
  if (report.inventory) {
    const latestInventoryMs = Math.min(latestMs, Date.parse(report.collected_at) + AGENT_CLOCK_TOLERANCE_SECONDS * 1000);
    holdInventoryDates(report.inventory, latestInventoryMs, `collected ${report.collected_at}, received ${received}`);
  }
  return { report, clockSkewMs: Date.parse(sent.collected_at) - receipt.receivedAt.getTime(), problems };
}

/** Makes every inventory date later than `latestMs` unknown with the reason (in place). */
function holdInventoryDates(inventory: Inventory, latestMs: number, reportTimes: string): void {
  const latestDay = new Date(latestMs).toISOString().slice(0, 10);
  const isAhead = (value: string) => Date.parse(value) > latestMs;
  const dayAhead = (day: string) => day > latestDay;
  const ahead = (value: string) => `${value} is later than the report itself (${reportTimes}): the agent's clock is wrong`;

  const patches = inventory.patches;
  if (patches) {
    if (!isUnknown(patches.last_update_at) && isAhead(patches.last_update_at)) patches.last_update_at = unknown(ahead(patches.last_update_at));
    for (const key of ['oldest_pending_security_since', 'reboot_pending_since'] as const) {
      const value = patches[key];
      if (typeof value === 'string' && isAhead(value)) patches[key] = unknown(ahead(value));
    }
    // A release date in the future is dropped: the update is then undated, which CYB-PATCH does not pass on age.
    for (const update of patches.pending ?? []) if (update.released_at !== undefined && isAhead(update.released_at)) delete update.released_at;
  }
  const antimalware = inventory.security?.antimalware;
  if (antimalware && !isUnknown(antimalware) && !isUnknown(antimalware.signatures_updated_at) && isAhead(antimalware.signatures_updated_at)) {
    antimalware.signatures_updated_at = unknown(ahead(antimalware.signatures_updated_at));
  }
  const hardware = inventory.hardware;
  if (hardware) {
    const firmware = hardware.firmware;
    if (firmware && !isUnknown(firmware) && !isUnknown(firmware.release_date) && dayAhead(firmware.release_date)) {
      firmware.release_date = unknown(ahead(firmware.release_date));
    }
    const age = hardware.age;
    if (age && !isUnknown(age)) {
      if (dayAhead(age.reference_date)) hardware.age = unknown(`age reference date ${ahead(age.reference_date)}`);
      else if (age.reference_date < EARLIEST_PLAUSIBLE_DEVICE_DATE) hardware.age = unknown(`age reference date ${tooOld(age.reference_date)}`);
    }
  }
}

function tooOld(day: string): string {
  return `${day} is before ${EARLIEST_PLAUSIBLE_DEVICE_DATE.slice(0, 4)}: not a plausible date for a device in service`;
}
