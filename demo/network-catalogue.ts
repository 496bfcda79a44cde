/**
 * Network gear models a trust really runs, with what their SNMP agents serve: the sysDescr and
 * sysObjectID the agent's identify rules parse (agent/collectors/snmp/identify.ts), the network
 * OS name the poller reports, and the end-of-life catalogue product its firmware train maps to
 * (collector/lifecycle/keys.ts). `product` undefined: no lifecycle is published for it, so the
 * firmware control is honestly unknown.
 */
export type GearRole = 'core' | 'access' | 'firewall' | 'wlc' | 'ap';

export interface GearModel {
  role: GearRole;
  vendor: string;
  os: string;
  product?: string;
  enterprise: number;
  objectId: string;
  model: string;
  /** Year the model shipped: manufacture dates are drawn after it. */
  released: number;
  /** A firmware version string in the vendor's format for a train ("17.9" → "17.9.4a"). */
  firmware(train: string, patch: number): string;
  descr(model: string, firmware: string): string;
  /** Interfaces the poller samples: name, speed in Mb/s, IANA ifType, alias. */
  ports: Array<[string, number, number, string]>;
  /** Legacy kit: drawn mostly at poorly run sites. */
  legacy?: boolean;
}

const eth = 6;
const radio = 71;

const ciscoXe = (role: GearRole, model: string, ports: GearModel['ports'], released: number): GearModel => ({
  role, vendor: 'Cisco', os: 'IOS-XE', product: 'cisco-ios-xe', enterprise: 9, objectId: '.1.3.6.1.4.1.9.1.2494', model, released, ports,
  firmware: (train, patch) => `${train}.${patch}${patch % 2 ? 'a' : ''}`,
  descr: (m, fw) => `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version ${fw}, RELEASE SOFTWARE (fc2) ${m}`,
});

const arubaCx = (role: GearRole, model: string, ports: GearModel['ports'], released: number): GearModel => ({
  role, vendor: 'Aruba', os: 'AOS-CX', product: 'aos-cx', enterprise: 47196, objectId: '.1.3.6.1.4.1.47196.4.1.1.1.301', model, released, ports,
  firmware: (train, patch) => `FL.${train.replace(/^(\d+)\.(\d)$/, '$1.0$2')}.${String(1000 + patch * 10).padStart(4, '0')}`,
  descr: (m, fw) => `Aruba ${m} Swch ${fw}`,
});

const junos = (role: GearRole, model: string, ports: GearModel['ports'], released: number): GearModel => ({
  role, vendor: 'Juniper', os: 'Junos', product: 'junos', enterprise: 2636, objectId: '.1.3.6.1.4.1.2636.1.1.1.2.63', model, released, ports,
  firmware: (train, patch) => `${train}R${1 + (patch % 3)}-S${patch}.${patch + 2}`,
  descr: (m, fw) => `Juniper Networks, Inc. ${m.toLowerCase()} Ethernet Switch, kernel JUNOS ${fw}, Build date: 2024-04-20 07:16:34 UTC`,
});

const uplinks = (n: number, speed: number, prefix: string): GearModel['ports'] =>
  Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, speed, eth, i === 0 ? 'uplink core' : `to ward block ${i}`]);
const edge = (names: string[]): GearModel['ports'] => names.map((name, i) => [name, i === names.length - 1 ? 10_000 : 1000, eth, i === names.length - 1 ? 'uplink distribution' : `ward ${i + 2} AP`]);

export const CORE: GearModel[] = [
  ciscoXe('core', 'C9500-24Y4C', uplinks(6, 25_000, 'Twe1/0/'), 2019),
  arubaCx('core', 'JL658A 6300M 24SFP+ 4SFP56', uplinks(6, 10_000, '1/1/'), 2020),
  junos('core', 'EX4650-48Y', uplinks(6, 25_000, 'et-0/0/'), 2019),
];

export const ACCESS: GearModel[] = [
  ciscoXe('access', 'C9300-48P', edge(['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4', 'Te1/1/1']), 2018),
  arubaCx('access', 'JL728A 6200F 48G CL4 4SFP+', edge(['1/1/1', '1/1/2', '1/1/3', '1/1/4', '1/1/49']), 2020),
  junos('access', 'EX2300-48P', edge(['ge-0/0/0', 'ge-0/0/1', 'ge-0/0/2', 'ge-0/0/3', 'xe-0/1/0']), 2017),
  {
    role: 'access', vendor: 'HPE', os: 'ArubaOS-Switch', product: 'arubaos-switch', enterprise: 11, objectId: '.1.3.6.1.4.1.11.2.3.7.11.153',
    model: 'J9772A 2530-48G-PoEP', released: 2014, ports: edge(['1', '2', '3', '4', '49']), legacy: true,
    firmware: (train, patch) => `YA.${train}.${String(patch + 10).padStart(4, '0')}`,
    descr: (m, fw) => `HP ${m} Switch, revision ${fw}, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/lakes)`,
  },
  {
    role: 'access', vendor: 'Cisco', os: 'IOS', product: 'cisco-ios', enterprise: 9, objectId: '.1.3.6.1.4.1.9.1.1208',
    model: 'WS-C2960X-48FPD-L', released: 2013, ports: edge(['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4', 'Te1/0/1']), legacy: true,
    firmware: (train, patch) => `${train}(7)E${patch}`,
    descr: (_m, fw) => `Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version ${fw}, RELEASE SOFTWARE (fc1)`,
  },
];

export const FIREWALLS: GearModel[] = [
  {
    role: 'firewall', vendor: 'Fortinet', os: 'FortiOS', product: 'fortios', enterprise: 12356, objectId: '.1.3.6.1.4.1.12356.101.1.1004',
    model: 'FortiGate-100F', released: 2019, ports: [['wan1', 1000, eth, 'HSCN'], ['wan2', 1000, eth, 'internet'], ['internal1', 10_000, eth, 'core'], ['dmz', 1000, eth, 'DMZ']],
    firmware: (train, patch) => `${train}.${patch}`,
    descr: (m) => m,
  },
  {
    role: 'firewall', vendor: 'Juniper', os: 'Junos', product: 'junos', enterprise: 2636, objectId: '.1.3.6.1.4.1.2636.1.1.1.2.135',
    model: 'SRX345', released: 2016, ports: [['ge-0/0/0', 1000, eth, 'HSCN'], ['ge-0/0/1', 1000, eth, 'internet'], ['ge-0/0/2', 1000, eth, 'core']],
    firmware: (train, patch) => `${train}R${1 + (patch % 3)}.${patch}`,
    descr: (m, fw) => `Juniper Networks, Inc. ${m.toLowerCase()} internet router, kernel JUNOS ${fw}`,
  },
];

export const WIRELESS_CONTROLLERS: GearModel[] = [
  {
    role: 'wlc', vendor: 'Aruba', os: 'ArubaOS', product: 'arubaos', enterprise: 14823, objectId: '.1.3.6.1.4.1.14823.1.1.32',
    model: '7210', released: 2015, ports: [['GE0/0/0', 10_000, eth, 'core'], ['GE0/0/1', 10_000, eth, 'core standby']],
    firmware: (train, patch) => `${train}.0.${patch}`,
    descr: (m, fw) => `ArubaOS (MODEL: ${m}), Version ${fw} (87393)`,
  },
  ciscoXe('wlc', 'C9800-40-K9', [['Te0/0/0', 10_000, eth, 'core'], ['Te0/0/1', 10_000, eth, 'core standby']], 2019),
];

/** Standalone access points: vendors publish no firmware train lifecycle for them. */
export const ACCESS_POINTS: GearModel[] = [
  {
    role: 'ap', vendor: 'Aruba', os: 'Aruba Instant', enterprise: 14823, objectId: '.1.3.6.1.4.1.14823.1.2.120', model: 'AP-515', released: 2019,
    ports: [['eth0', 1000, eth, 'wired uplink'], ['wifi0', 1200, radio, '5 GHz radio']],
    firmware: (_train, patch) => `8.10.0.${patch}`,
    descr: (m, fw) => `ArubaOS (MODEL: ${m}), Version ${fw}-Instant`,
  },
  {
    role: 'ap', vendor: 'Ubiquiti', os: 'UniFi', enterprise: 41112, objectId: '.1.3.6.1.4.1.41112.1.6', model: 'U6-Pro', released: 2021,
    ports: [['eth0', 1000, eth, 'wired uplink'], ['ath0', 2400, radio, '5 GHz radio']],
    firmware: (_train, patch) => `6.6.${patch}`,
    descr: (m, fw) => `UniFi ${m} ${fw} Linux 4.4.153`,
  },
];
