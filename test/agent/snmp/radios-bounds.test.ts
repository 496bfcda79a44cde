import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AIRESPACE } from '../../../agent/collectors/snmp/radios-airespace.js';
import { MAX_RADIOS } from '../../../agent/collectors/snmp/radios.js';
import { pollWalk, WALKS_ROOT } from '../../helpers/snmpd-walks.js';
import { snmprecToOids } from '../../helpers/snmpd.js';

/**
 * A controller that serves more radios than a report may carry (the protocol's 4096), through a real
 * snmpd on 127.0.0.1. The system group is the Cisco Business Wireless recording's; the 5096
 * bsnAPIfTable rows are hand-written (no recording holds a controller this large), one 2.4 GHz
 * radio per made-up AP MAC 02:00:00:00:hi:lo.
 */
/** Far more rows than one GETBULK answer past the limit carries, so stopping early shows. */
const SERVED = MAX_RADIOS + 1000;

describe('radios beyond the protocol limit', () => {
  it('reports the first 4096 and says how many were served', async () => {
    const system = snmprecToOids(readFileSync(`${WALKS_ROOT}ciscowlc_cbw240ac/walk.snmprec`, 'utf8').split('\n').filter((l) => l.startsWith('1.3.6.1.2.1.1.')).join('\n'));
    const rows: Record<string, [string, string]> = {};
    for (let i = 0; i < SERVED; i++) rows[`${AIRESPACE.ifType}.2.0.0.0.${i >> 8}.${i & 255}.0`] = ['integer', '1'];
    const { got, error } = await pollWalk('large-controller', { ...system, ...rows });
    expect(error).toBeUndefined();
    expect(got?.radios).toHaveLength(MAX_RADIOS);
    expect(got?.radios?.[0]).toEqual({ ap_name: '02:00:00:00:00:00', ap_mac: '02:00:00:00:00:00', band: '2.4GHz' });
    // The walk stops once it holds a row past the limit (a GETBULK answer may carry a few more), so the
    // poller can tell radios were left out without walking a table of any size.
    const served = Number(/^Wi-Fi radios: (\d+) served, the first 4096 reported$/.exec(got?.warnings?.[0] ?? '')?.[1]);
    expect(got?.warnings).toHaveLength(1);
    expect(served).toBeGreaterThan(MAX_RADIOS);
    expect(served).toBeLessThan(SERVED);
  }, 120_000);
});
