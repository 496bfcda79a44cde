import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIRESPACE, AIRESPACE_NOISE } from '../../../agent/collectors/snmp/radios-airespace.js';
import { pollWalk, WALKS_ROOT } from '../../helpers/snmpd-walks.js';
import { snmprecToOids } from '../../helpers/snmpd.js';

/**
 * AireOS noise floor through a real snmpd on 127.0.0.1: the poller's probe of
 * bsnAPIfChannelNoiseInfoTable and its GET of the row of each radio's current channel.
 *
 * - System group: the Cisco Business Wireless recording (test/fixtures/snmp/ciscowlc_cbw240ac), so
 *   the controller is identified as it is there.
 * - Noise rows: genuine, from an AireOS controller recorded by Centreon
 *   (test/fixtures/snmp/centreon_slim_cisco_wlc.noise-excerpt.snmpwalk, all 29 rows of one AP; see
 *   SOURCES.md). That recording is "slim": it keeps no bsnAPIfType or bsnAPIfPhyChannelNumber.
 * - So the AP's two bsnAPIfTable rows (type and current channel) are hand-written, the one part no
 *   recording shows: slot 0 on channel 9, slot 1 on channel 44, both channels the AP scanned.
 */
const AP = '120.114.93.120.249.176';

function noiseRows(): Record<string, [string, string]> {
  const text = readFileSync(`${WALKS_ROOT}centreon_slim_cisco_wlc.noise-excerpt.snmpwalk`, 'utf8');
  const rows: Record<string, [string, string]> = {};
  for (const m of text.matchAll(/^\.([\d.]+) = INTEGER: (-?\d+)$/gm)) rows[m[1]!] = ['integer', m[2]!];
  return rows;
}

describe('AireOS noise floor per radio', () => {
  it('is the noise row of the channel each radio is on', async () => {
    const system = snmprecToOids(readFileSync(`${WALKS_ROOT}ciscowlc_cbw240ac/walk.snmprec`, 'utf8').split('\n').filter((l) => l.startsWith('1.3.6.1.2.1.1.')).join('\n'));
    const noise = noiseRows();
    expect(Object.keys(noise)).toHaveLength(29);
    const handWritten: Record<string, [string, string]> = {
      [`${AIRESPACE.ifType}.${AP}.0`]: ['integer', '1'],
      [`${AIRESPACE.ifType}.${AP}.1`]: ['integer', '2'],
      [`${AIRESPACE.ifChannel}.${AP}.0`]: ['integer', '9'],
      [`${AIRESPACE.ifChannel}.${AP}.1`]: ['integer', '44'],
    };
    const { got, error } = await pollWalk('aireos-noise', { ...system, ...handWritten, ...noise });
    expect(error).toBeUndefined();
    // Channel 9 of slot 0 is the recording's one loud channel (−84 dBm; its neighbours −98 to −100).
    expect(got?.radios).toEqual([
      { ap_name: '78:72:5d:78:f9:b0', ap_mac: '78:72:5d:78:f9:b0', band: '2.4GHz', channel: 9, noise_dbm: -84 },
      { ap_name: '78:72:5d:78:f9:b0', ap_mac: '78:72:5d:78:f9:b0', band: '5GHz', channel: 44, noise_dbm: -96 },
    ]);
    expect(got?.warnings ?? []).toEqual([]);
  }, 60_000);

  it('leaves noise out where the controller has no noise table', async () => {
    const cbw = snmprecToOids(readFileSync(`${WALKS_ROOT}ciscowlc_cbw240ac/walk.snmprec`, 'utf8'));
    expect(Object.keys(cbw).some((oid) => oid.startsWith(`${AIRESPACE_NOISE}.`))).toBe(false);
    const { got } = await pollWalk('cbw-without-noise', cbw);
    expect(got?.radios).toHaveLength(8);
    expect(got?.radios?.some((r) => r.noise_dbm !== undefined)).toBe(false);
  }, 60_000);
});
