import { describe, expect, it } from 'vitest';
import { resolveIdentity } from '../../../agent/collectors/snmp/device-identity.js';
import type { Chassis } from '../../../agent/collectors/snmp/entity.js';
import { identify } from '../../../agent/collectors/snmp/identify.js';
import { isPhysical } from '../../../agent/collectors/snmp/interfaces.js';
import { productOf } from '../../../agent/collectors/snmp/products.js';
import { sameRelease, trainOf, wholeVersion } from '../../../agent/collectors/snmp/versions.js';

describe('firmware kept whole, with its train', () => {
  it.each([
    ['17.6.5', '17.6'],
    ['17.06.05', '17.6'],
    ['03.07.05E', '3.7'],
    ['V200R010C00SPC600', 'V200R010'],
    ['KB.16.11.0020', 'KB.16.11'],
    ['FL.10.13.1000', 'FL.10.13'],
    ['v7.2.8,build1639,240313 (GA.M)', '7.2'],
    ['21.4R3-S4.9', '21.4'],
    ['15.1X53-D59.4', '15.1X53'],
    ['15.2(7)E8', '15.2(7)E'],
    ['7.0(3)I7(8)', '7.0(3)I7'],
    ['R80.40', 'R80.40'],
    ['10.1.14-h6', '10.1'],
  ])('%s → train %s', (version, train) => expect(trainOf(version)).toBe(train));

  it('finds the whole version in free text and refuses placeholders', () => {
    expect(wholeVersion('Version 5.170 (S5720 V200R010C00SPC600)')).toBe('V200R010C00SPC600');
    expect(wholeVersion('FortiGate-100F v7.2.8,build1639,240313 (GA.M)')).toBe('v7.2.8,build1639,240313 (GA.M)');
    expect(wholeVersion('R77.20')).toBe('R77.20');
    expect(wholeVersion('HP Stack, revision KA.00.00.0000')).toBeUndefined();
  });

  it('tells one release written two ways from two releases', () => {
    expect(sameRelease('17.6.5', '17.06.05')).toBe(true);
    expect(sameRelease('9.9(0.0P9)', '9.13(0.2)')).toBe(false);
  });
});

describe('sysObjectID table', () => {
  it('merges enterprise and product entries, longest prefix first', () => {
    expect(productOf('.1.3.6.1.4.1.9.1.2494')).toEqual({ vendor: 'Cisco', family: 'Catalyst 9300', os: 'IOS-XE' });
    expect(productOf('1.3.6.1.4.1.25461.2.3.54')).toMatchObject({ vendor: 'Palo Alto Networks', model: 'PA-440', os: 'PAN-OS' });
  });

  it('never names a generic agent as the vendor', () => {
    expect(identify('1.3.6.1.4.1.8072.3.2.10', 'Linux CP1100 2.6.22.18 #1 armv5tejl')).toEqual({ enterprise: 8072, generic: expect.stringMatching(/Net-SNMP/) });
    expect(identify('1.3.6.1.4.1.4413', 'EdgeSwitch 24-Port 250W, 1.0.1.4720839, Linux 3.6.5')).toMatchObject({ vendor: 'Ubiquiti', os: 'EdgeSwitch' });
  });

  it('names a Ruckus Unleashed AP from sysDescr when its sysObjectID is 0.0.0', () => {
    // librenms/librenms tests/snmpsim/ruckuswireless-unleashed_r650.snmprec @a2154cef9c0672db1e70c5379808c45cd0020e2a
    // (the index holds no discovery result for it, so it is not a recorded-walk device).
    expect(identify('0.0.0', 'Ruckus Wireless R650')).toEqual({ vendor: 'Ruckus', model: 'R650' });
    expect(identify('1.3.6.1.4.1.25053.3.1.5.15', 'Ruckus Wireless T300')).toMatchObject({ vendor: 'Ruckus', family: 'ZoneDirector / Unleashed', model: 'T300' });
  });

  it('reads Firepower Threat Defense\'s own release, not the ASA engine\'s', () => {
    // LibreNMS's ftd recording (librenms/librenms tests/snmpsim/ftd.snmprec @09eac1f151609e9189e70a79cdc6927fe1a22878).
    const descr = 'Cisco FirePOWER Threat Defense, Version 6.2.0.4 (Build 85), ASA Version 9.7(1)19';
    expect(identify('1.3.6.1.4.1.9.1.2409', descr)).toEqual({ enterprise: 9, vendor: 'Cisco', os: 'FTD', firmware: '6.2.0.4 (Build 85)' });
    expect(trainOf('6.2.0.4 (Build 85)')).toBe('6.2');
  });

  it('names Meraki gear from sysDescr alone when it answers no sysObjectID', () => {
    // The whole of LibreNMS's merakimr and merakimx recordings (librenms/librenms tests/snmpsim/merakimr.snmprec
    // @ec3ae976e70527d7d641d493bf69361d4874ece6, merakimx.snmprec @37263ce2325bf0f121122e56f85caf0070748d1d).
    expect(identify(undefined, 'Meraki MR')).toEqual({ vendor: 'Cisco Meraki', model: 'Meraki MR' });
    expect(identify(undefined, 'Meraki MX')).toEqual({ vendor: 'Cisco Meraki', model: 'Meraki MX' });
    expect(identify(undefined, 'Meraki fan')).toEqual({});
  });
});

describe('identity from every source', () => {
  const chassis = (c: Partial<Chassis>): Chassis => ({ index: '1', ...c });

  it('reports a stack as one device with members and notes a differently written version', () => {
    const id = identify('1.3.6.1.4.1.9.1.2494', 'Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.5, RELEASE SOFTWARE (fc2)');
    const r = resolveIdentity(id, [chassis({ index: '1000', position: 1, model: 'C9300-48P', serial: 'FOC1', softwareRev: '17.06.05' }), chassis({ index: '2000', position: 2, model: 'C9300-24T', serial: 'FOC2' })], undefined);
    expect(r).toMatchObject({ vendor: 'Cisco', family: 'Catalyst 9300', model: 'C9300-48P', serial: 'FOC1', firmware: '17.6.5', firmwareSource: 'sysdescr', train: '17.6' });
    expect(r.members).toEqual([
      { position: 1, model: 'C9300-48P', serial: 'FOC1', firmware: '17.06.05' },
      { position: 2, model: 'C9300-24T', serial: 'FOC2' },
    ]);
    expect(r.notes).toContain('sysDescr says 17.6.5, ENTITY-MIB 17.06.05 (same release written differently): sysDescr wins');
  });

  it('takes the product name from sysDescr when it is the ENTITY-MIB model named in full (VOSS)', () => {
    // LibreNMS's voss_xa1440 recording (test/fixtures/snmp/voss_xa1440): entPhysicalModelName "1440", sysDescr "XA1440 (…)".
    const r = resolveIdentity(identify('1.3.6.1.4.1.1916.2.337', 'XA1440 (8.2.0.0_B020) (PRIVATE)'), [chassis({ model: '1440', serial: '1931C-W0153' })], undefined);
    expect(r).toMatchObject({ model: 'XA1440', serial: '1931C-W0153', firmware: '8.2.0.0_B020' });
    // A shorter sysDescr name (IOS's "C2960X" beside "WS-C2960X-48FPS-L") never replaces ENTITY-MIB's.
    const ios = resolveIdentity({ vendor: 'Cisco', model: 'C2960X' }, [chassis({ model: 'WS-C2960X-48FPS-L' })], undefined);
    expect(ios.model).toBe('WS-C2960X-48FPS-L');
  });

  it('falls back to entPhysicalDescr when the model name is empty, and to the vendor MIB for the serial', () => {
    const id = identify('1.3.6.1.4.1.12356.101.1.999', '');
    const r = resolveIdentity(id, [chassis({ descr: 'Fortinet FGT_60F, HW Serial#: FGT60FTK00000001' })], { vendor: 'Fortinet', mib: 'FORTINET-FORTIGATE-MIB', version: 'v7.2.6,build1575,230926 (GA.F)' });
    expect(r).toMatchObject({ model: 'FGT_60F', serial: 'FGT60FTK00000001', firmware: 'v7.2.6,build1575,230926 (GA.F)', firmwareSource: 'vendor_mib', train: '7.2' });
    expect(r.notes.join(' ')).toMatch(/entPhysicalDescr gives the model FGT_60F/);
  });

  it('names the vendor of a Net-SNMP box from the vendor MIB that answered, saying so', () => {
    const id = identify('1.3.6.1.4.1.8072.3.2.10', 'Linux CP1100 2.6.22.18');
    const r = resolveIdentity(id, [], { vendor: 'Check Point', mib: 'CHECKPOINT-MIB', model: 'CP 1100', version: 'R77.20' });
    expect(r).toMatchObject({ vendor: 'Check Point', model: 'CP 1100', firmware: 'R77.20', train: 'R77.20' });
    expect(r.notes[0]).toMatch(/Net-SNMP.*CHECKPOINT-MIB answered, so the vendor is Check Point/);
  });
});

describe('physical versus virtual interfaces', () => {
  it.each([
    [6, 1, true],
    [6, 2, false],
    [6, undefined, true],
    [117, 1, true],
    [24, undefined, false],
    [53, 1, false],
    [135, undefined, false],
    [161, 1, false],
    [131, undefined, false],
    [71, 1, undefined],
    [1, undefined, undefined],
  ] as const)('ifType %s, ifConnectorPresent %s → %s', (type, connector, want) => expect(isPhysical(type, connector)).toBe(want));
});
