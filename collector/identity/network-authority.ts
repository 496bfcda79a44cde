import type { NetworkDevice } from '../../protocol/index.js';
import { DomainError } from '../errors.js';
import type { DeviceRole } from './enrol-secrets.js';

/**
 * How far ahead of the collector's clock a poll time may be: NTP-synchronised hosts differ by well
 * under a second; five minutes allows a badly kept site server without letting a poll claim a later
 * day. The project's own choice.
 */
export const POLL_CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * Whether a report's network gear may be stored (undefined) or why not (the error to throw). Only a site poller's key may
 * report gear; its rows are keyed by the poller's own enrolled site (never by anything in the report),
 * so a poller writes its own site's gear only. Poll times past the receipt time (plus tolerance) would
 * freeze a device's state until that time comes, so they are refused.
 */
export function networkReportRefusal(
  role: DeviceRole,
  gear: ReadonlyArray<Pick<NetworkDevice, 'polled_at' | 'last_ok_at'>> | undefined,
  receivedAt: Date,
): DomainError | undefined {
  if (!gear || gear.length === 0) return undefined;
  if (role !== 'poller') {
    return new DomainError(
      'forbidden',
      'network_devices may be reported only by a site poller: enrol the site server with a poller secret (sf-collector secret create --site <site> --poller)',
    );
  }
  const latest = receivedAt.getTime() + POLL_CLOCK_TOLERANCE_MS;
  for (const [index, device] of gear.entries()) {
    for (const field of ['polled_at', 'last_ok_at'] as const) {
      const value = device[field];
      if (value !== undefined && Date.parse(value) > latest) {
        return new DomainError('invalid', `invalid report: network_devices.${index}.${field} (${value}) is in the future of the collector's clock (${receivedAt.toISOString()})`);
      }
    }
  }
  return undefined;
}
