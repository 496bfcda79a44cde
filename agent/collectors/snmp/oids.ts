/** The OIDs the poller reads (numeric, no leading dot). */
export const OID = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  /** SNMP-FRAMEWORK-MIB snmpEngineTime: seconds since the engine last (re)started. */
  snmpEngineTime: '1.3.6.1.6.3.10.2.1.3.0',
  /** HOST-RESOURCES-MIB hrSystemUptime (TimeTicks). */
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  /** HOST-RESOURCES-MIB hrProcessorLoad column. */
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2',
  /** ENTITY-MIB entPhysicalEntry. */
  entPhysicalEntry: '1.3.6.1.2.1.47.1.1.1.1',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  ifXEntry: '1.3.6.1.2.1.31.1.1.1',
} as const;

export const SYSTEM_OIDS = [OID.sysDescr, OID.sysObjectID, OID.sysUpTime, OID.sysContact, OID.sysName, OID.sysLocation] as const;

/** entPhysicalEntry columns. */
export const ENT = {
  descr: 2,
  containedIn: 4,
  class: 5,
  parentRelPos: 6,
  name: 7,
  hardwareRev: 8,
  firmwareRev: 9,
  softwareRev: 10,
  serialNum: 11,
  mfgName: 12,
  modelName: 13,
  mfgDate: 17,
} as const;

/** ifEntry columns (IF-MIB ifTable). */
export const IF = {
  descr: 2,
  type: 3,
  speed: 5,
  adminStatus: 7,
  operStatus: 8,
  inOctets: 10,
  inUcastPkts: 11,
  inDiscards: 13,
  inErrors: 14,
  outOctets: 16,
  outUcastPkts: 17,
  outDiscards: 19,
  outErrors: 20,
} as const;

/** ifXEntry columns (IF-MIB ifXTable). */
export const IFX = {
  name: 1,
  inMulticastPkts: 2,
  inBroadcastPkts: 3,
  outMulticastPkts: 4,
  outBroadcastPkts: 5,
  hcInOctets: 6,
  hcInUcastPkts: 7,
  hcInMulticastPkts: 8,
  hcInBroadcastPkts: 9,
  hcOutOctets: 10,
  hcOutUcastPkts: 11,
  hcOutMulticastPkts: 12,
  hcOutBroadcastPkts: 13,
  highSpeed: 15,
  /** ifConnectorPresent: true(1) when the interface has a physical connector. */
  connectorPresent: 17,
  alias: 18,
} as const;
