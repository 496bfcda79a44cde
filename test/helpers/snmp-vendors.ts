import type { VendorProfile } from './snmpd.js';

/** Network gear the test snmpd processes impersonate; strings follow what the real boxes serve. */
export const VENDORS = {
  ciscoIosXe: {
    sysDescr:
      'Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.5, RELEASE SOFTWARE (fc2) Technical Support: http://www.cisco.com/techsupport Copyright (c) 1986-2023 by Cisco Systems, Inc. Compiled Wed 25-Jan-23 16:15 by mcpre',
    sysObjectID: '.1.3.6.1.4.1.9.1.2494',
    sysName: 'rxa-core-sw1',
    entity: {
      descr: 'C9300-48P',
      model: 'C9300-48P',
      serial: 'FOC2231X0AB',
      hardwareRev: 'V02',
      firmwareRev: '17.6.1r[FC2]',
      softwareRev: '17.06.05',
      mfgName: 'Cisco Systems, Inc.',
      mfgDate: [2018, 8, 3],
    },
    interfaces: [
      { name: 'Gi1/0/1', descr: 'GigabitEthernet1/0/1', alias: 'ward 3 AP', speedMbps: 1000 },
      { name: 'Te1/1/1', descr: 'TenGigabitEthernet1/1/1', alias: 'uplink core', speedMbps: 10000 },
    ],
  },
  arubaCx: {
    sysDescr: 'Aruba JL658A 6300M 24SFP+ 4SFP56 Swch FL.10.13.1000',
    sysObjectID: '.1.3.6.1.4.1.47196.4.1.1.1.301',
    sysName: 'rxa-dist-sw2',
    entity: {
      model: 'JL658A',
      serial: 'SG9ZKN1234',
      hardwareRev: 'A',
      softwareRev: 'FL.10.13.1000',
      mfgName: 'Aruba',
      mfgDate: [2021, 11, 22],
    },
    interfaces: [
      { name: '1/1/1', alias: 'to ward block', speedMbps: 10000 },
      { name: '1/1/2', speedMbps: 10000, up: false },
    ],
  },
  juniperEx: {
    sysDescr: 'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3-S4.9, Build date: 2023-04-20 07:16:34 UTC Copyright (c) 1996-2023 Juniper Networks, Inc.',
    sysObjectID: '.1.3.6.1.4.1.2636.1.1.1.2.63',
    sysName: 'rxa-edge-ex1',
    entity: { model: 'EX4300-48T', serial: 'PE3714AF0123', hardwareRev: 'REV 07', mfgName: 'Juniper Networks' },
    interfaces: [{ name: 'ge-0/0/0', alias: 'theatres', speedMbps: 1000 }],
  },
  fortigate: {
    sysDescr: 'FortiGate-100F',
    sysObjectID: '.1.3.6.1.4.1.12356.101.1.1004',
    sysName: 'rxa-fw1',
    entity: { model: 'FGT_100F', serial: 'FG100FTK20012345', softwareRev: 'FortiGate-100F v7.2.8,build1639,240313 (GA.M)' },
    interfaces: [{ name: 'wan1', speedMbps: 1000 }],
    extra: { '1.3.6.1.4.1.12356.101.4.1.1.0': ['string', 'v7.2.8,build1639,240313 (GA.M)'] },
  },
  procurve: {
    sysDescr: 'HP J9772A 2530-48G-PoEP Switch, revision YA.16.10.0016, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/lakes(swbuildm_rel_yakima_qaoff_rel_yakima))',
    sysObjectID: '.1.3.6.1.4.1.11.2.3.7.11.153',
    sysName: 'rxa-ward-sw7',
    entity: { model: 'J9772A', serial: 'CN55FP1234', hardwareRev: '', softwareRev: 'YA.16.10.0016' },
    interfaces: [{ name: '1', speedMbps: 1000 }],
  },
  unknownBox: {
    sysDescr: 'Acme NetThing 9000 firmware 3.1',
    sysObjectID: '.1.3.6.1.4.1.99999.1.2',
    sysName: 'mystery',
    interfaces: [{ name: 'eth0', speedMbps: 100 }],
  },
} satisfies Record<string, VendorProfile>;
