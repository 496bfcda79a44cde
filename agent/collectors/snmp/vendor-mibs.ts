import { VSF_COLUMNS } from './vsf.js';

/**
 * Vendor MIB fallbacks for model, serial and version where ENTITY-MIB is absent or empty: for the
 * vendor identify() named, one GET of a handful of scalars. OIDs from each vendor's MIB (named per
 * entry); which scalars carry what follows the vendors' MIB descriptions and LibreNMS's discovery
 * definitions for the same OS (resources/definitions/os_discovery/*.yaml), which a trust's network
 * team will compare against.
 */
export interface VendorFallback {
  mib: string;
  /** Applies when identify() named this vendor. */
  vendor: string;
  /** Only for these product families (sysObjectID table): the scalars mean nothing on the vendor's other lines. */
  families?: RegExp;
  model?: string[];
  /** The product name at the start of a model scalar that says more ("FortiSwitch-424E-Fiber v7.4.0,build0767…"). */
  modelPattern?: RegExp;
  serial?: string[];
  version?: string[];
  /** A table column whose first row holds the serial (a board or AP table), walked for one row. */
  serialColumn?: string;
  /** Only for this product family (sysObjectID table), where the column is not cheap to ask every box. */
  serialColumnFamily?: RegExp;
  /**
   * Columns of a per-node table whose first row names the model and the version (a SmartZone
   * cluster's node table, indexed by the node's serial), walked for one row with the serial column.
   */
  modelColumn?: string;
  versionColumn?: string;
  /** Only for this product family (sysObjectID table): the model and version columns. */
  nodeTableFamily?: RegExp;
}

const ent = (tail: string) => `1.3.6.1.4.1.${tail}`;

export const FALLBACKS: readonly VendorFallback[] = [
  {
    vendor: 'Juniper',
    mib: 'JUNIPER-MIB jnxBoxDescr/jnxBoxSerialNo, JUNIPER-VIRTUALCHASSIS-MIB jnxVirtualChassisMemberSWVersion',
    model: [ent('2636.3.1.2.0')],
    serial: [ent('2636.3.1.3.0')],
    version: [ent('2636.3.40.1.4.1.1.1.5.0')],
  },
  {
    vendor: 'Fortinet',
    mib: 'FORTINET-FORTIGATE-MIB fgSysVersion, FORTINET-CORE-MIB fnSysSerial, FORTINET-FORTISWITCH-MIB fsSysVersion',
    version: [ent('12356.101.4.1.1.0'), ent('12356.106.4.1.1.0')],
    model: [ent('12356.106.4.1.1.0')],
    modelPattern: /^(Forti\w+(?:-\w+)*)\s+v\d/,
    serial: [ent('12356.100.1.1.1.0')],
  },
  {
    vendor: 'Palo Alto Networks',
    mib: 'PAN-COMMON-MIB panSysSwVersion/panSysSerialNumber/panChassisType',
    version: [ent('25461.2.1.2.1.1.0')],
    serial: [ent('25461.2.1.2.1.3.0')],
    model: [ent('25461.2.1.2.2.1.0')],
  },
  {
    vendor: 'Check Point',
    mib: 'CHECKPOINT-MIB svnVersion/svnApplianceSerialNumber/svnApplianceProductName',
    version: [ent('2620.1.6.4.1.0')],
    serial: [ent('2620.1.6.16.3.0')],
    model: [ent('2620.1.6.16.7.0')],
  },
  {
    vendor: 'MikroTik',
    mib: 'MIKROTIK-MIB mtxrLicVersion/mtxrSerialNumber/mtxrBoardName',
    version: [ent('14988.1.1.4.4.0')],
    serial: [ent('14988.1.1.7.3.0')],
    model: [ent('14988.1.1.7.8.0')],
  },
  {
    vendor: 'Ruckus',
    mib: 'RUCKUS-ZD-SYSTEM-MIB, RUCKUS-UNLEASHED-SYSTEM-MIB, RUCKUS-HWINFO-MIB, RUCKUS-SWINFO-MIB, SmartZone system scalars and node table',
    model: [ent('25053.1.2.1.1.1.1.9.0'), ent('25053.1.15.1.1.1.1.9.0'), ent('25053.1.1.2.1.1.1.1.0')],
    // SmartZone: the system serial (…25053.1.4.1.1.1.15.13.0) and, in the node table indexed by each
    // node's serial (…25053.1.8.1.1.1.1.1.1), column 3 the model and column 9 the version; pinned by
    // LibreNMS's ruckuswireless-sz recording, whose discovery result states these three values
    // (test/fixtures/snmp/ruckuswireless-sz).
    serial: [ent('25053.1.2.1.1.1.1.15.0'), ent('25053.1.15.1.1.1.1.15.0'), ent('25053.1.1.2.1.1.1.2.0'), ent('25053.1.4.1.1.1.15.13.0')],
    version: [ent('25053.1.2.1.1.1.1.18.0'), ent('25053.1.15.1.1.1.1.18.0'), ent('25053.1.1.3.1.1.1.1.1.3.1')],
    modelColumn: ent('25053.1.8.1.1.1.1.1.1.3'),
    versionColumn: ent('25053.1.8.1.1.1.1.1.1.9'),
    nodeTableFamily: /^SmartZone$/,
  },
  {
    vendor: 'Aruba',
    families: /^(Mobility Controller|Access Point)$/,
    mib: 'WLSX-SWITCH-MIB wlsxSwitchLicenseSerialNumber (controllers), AI-AP-MIB aiAPSerialNum (Instant: the cluster\'s first AP)',
    serial: [ent('14823.2.2.1.1.1.12.0')],
    serialColumn: ent('14823.2.3.3.1.2.1.1.4'),
    serialColumnFamily: /^Access Point$/,
  },
  // Not for NetIron (Foundry enterprise, FOUNDRY-SN-AGENT-MIB), which Extreme also sells.
  { vendor: 'Extreme Networks', families: /^(VSP|ExtremeSwitching)$/, mib: 'RAPID-CITY rcSysVersion/rcChasSerialNumber (VOSS)', version: [ent('2272.1.1.7.0')], serial: [ent('2272.1.4.2.0')] },
  { vendor: 'Sophos', mib: 'SFOS-FIREWALL-MIB sfosDeviceType/sfosDeviceFWVersion/sfosDeviceAppKey', model: [ent('2604.5.1.1.2.0')], version: [ent('2604.5.1.1.3.0')], serial: [ent('2604.5.1.1.4.0')] },
  { vendor: 'Zyxel', mib: 'ZYXEL-ES-COMMON sysSwVersionString/sysProductModel/sysProductSerialNumber', version: [ent('890.1.15.3.1.6.0')], model: [ent('890.1.15.3.1.11.0')], serial: [ent('890.1.15.3.1.12.0')] },
  { vendor: 'Ubiquiti', mib: 'UBNT-UniFi-MIB unifiApSystemModel/unifiApSystemVersion', model: [ent('41112.1.6.3.3.0')], version: [ent('41112.1.6.3.6.0')] },
];

/**
 * A Net-SNMP agent says nothing about its maker: one GET of the identity scalars of vendors known to
 * ship appliances on it (Check Point Gaia, UniFi), and the vendor whose MIB answers is the vendor.
 */
export const GENERIC_AGENT_PROBES: readonly VendorFallback[] = FALLBACKS.filter((f) => f.vendor === 'Check Point' || f.vendor === 'Ubiquiti');

export const fallbackFor = (vendor: string | undefined): VendorFallback | undefined => FALLBACKS.find((f) => f.vendor === vendor);

export const oidsOf = (f: VendorFallback): string[] => [...new Set([...(f.model ?? []), ...(f.serial ?? []), ...(f.version ?? [])])];

/** The table columns walked for one row for a device of this product family (none for most). */
export function columnsOf(f: VendorFallback, family: string | undefined): string[] {
  const serial = f.serialColumn && (!f.serialColumnFamily || f.serialColumnFamily.test(family ?? '')) ? [f.serialColumn] : [];
  const node = !f.nodeTableFamily || f.nodeTableFamily.test(family ?? '') ? [f.modelColumn, f.versionColumn].filter((c): c is string => c !== undefined) : [];
  return [...serial, ...node];
}

/** Subtrees the fixture importer keeps from a recording (scripts/import-snmp-walk.ts). */
export const FALLBACK_PREFIXES: readonly string[] = [
  ...new Set([...FALLBACKS.flatMap(oidsOf).map((o) => o.replace(/\.\d+$/, '')), ...FALLBACKS.flatMap((f) => [f.serialColumn, f.modelColumn, f.versionColumn].filter((c): c is string => c !== undefined)), ...Object.values(VSF_COLUMNS)]),
];
