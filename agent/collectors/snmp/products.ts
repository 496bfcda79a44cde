/**
 * sysObjectID → vendor, family, OS (and model where one OID names one product), as data.
 *
 * Longest prefix wins; shorter prefixes fill what a longer one leaves out (an enterprise entry gives
 * the vendor, a product-line entry the family). Sources, per entry: the IANA Private Enterprise
 * Numbers registry (https://www.iana.org/assignments/enterprise-numbers) for the enterprise level,
 * and the vendor's product/registration MIB named in `source` for product lines. Where a product OID
 * is pinned by a recorded walk of a real device (test/fixtures/snmp), the fixture is named too.
 *
 * `generic`: an enterprise number that belongs to agent software or a chip vendor's SDK (Net-SNMP,
 * Broadcom FASTPATH, Frogfoot's agent used by Ubiquiti airOS), never the box's maker; identify()
 * reports the vendor from sysDescr or vendor MIBs instead, or unknown with that reason.
 */
export interface Product {
  vendor?: string;
  family?: string;
  os?: string;
  model?: string;
  /** The enterprise names agent software, not the maker of the box. */
  generic?: string;
  /**
   * Other makers whose products are numbered under this enterprise (Foundry's 1991: Ruckus ICX and
   * Extreme NetIron). A sysDescr rule of one of them names the vendor, and this entry's family and OS
   * give way to the rule's.
   */
  sharedWith?: readonly string[];
}

interface Entry extends Product {
  oid: string;
  source: string;
}

const IANA = 'IANA Private Enterprise Numbers';

export const PRODUCTS: readonly Entry[] = [
  // Generic agents: never reported as the vendor.
  { oid: '1.3.6.1.4.1.8072', generic: 'Net-SNMP agent (enterprise 8072), used by Linux-based appliances of any maker', source: IANA },
  { oid: '1.3.6.1.4.1.2021', generic: 'UCD-SNMP agent (enterprise 2021)', source: IANA },
  { oid: '1.3.6.1.4.1.311', generic: 'Microsoft Windows SNMP service (enterprise 311)', source: IANA },
  { oid: '1.3.6.1.4.1.4413', generic: 'Broadcom FASTPATH switch software (enterprise 4413), sold under many brands', source: IANA },
  { oid: '1.3.6.1.4.1.10002', generic: 'Frogfoot Networks agent (enterprise 10002), used by Ubiquiti airOS/EdgeSwitch', source: IANA },

  // Cisco
  { oid: '1.3.6.1.4.1.9', vendor: 'Cisco', source: IANA },
  { oid: '1.3.6.1.4.1.9.1.283', family: 'Catalyst 6500', model: 'Catalyst 6509', source: 'CISCO-PRODUCTS-MIB cat6509 ("Catalyst 6000 Plus with 9 slots")' },
  { oid: '1.3.6.1.4.1.9.1.615', family: 'Catalyst 3560', source: 'CISCO-PRODUCTS-MIB catalyst3560G24TS' },
  { oid: '1.3.6.1.4.1.9.1.634', family: 'Catalyst 3560', source: 'CISCO-PRODUCTS-MIB catalyst356048TS' },
  { oid: '1.3.6.1.4.1.9.1.659', family: 'Catalyst 4900', model: 'Catalyst 4948-10GE', source: 'CISCO-PRODUCTS-MIB catalyst494810GE' },
  { oid: '1.3.6.1.4.1.9.1.875', family: 'Catalyst 4500', model: 'WS-C4506-E', source: 'CISCO-PRODUCTS-MIB catalyst4506e ("Catalyst 4500 E-series with 6 slots (WS-C4506-E)")' },
  { oid: '1.3.6.1.4.1.9.1.1069', family: 'Wireless LAN Controller 5500', os: 'AireOS', source: 'CISCO-PRODUCTS-MIB cisco5500Wlc' },
  { oid: '1.3.6.1.4.1.9.1.1116', family: 'ASR 1000', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoASR1002F' },
  { oid: '1.3.6.1.4.1.9.1.1178', family: 'Catalyst 4900', source: 'CISCO-PRODUCTS-MIB catalyst4948e10GE' },
  { oid: '1.3.6.1.4.1.9.1.1208', family: 'Catalyst 2960 stack', source: 'CISCO-PRODUCTS-MIB cat29xxStack' },
  { oid: '1.3.6.1.4.1.9.1.2066', family: 'Catalyst 3650 stack', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB cat36xxstack' },
  { oid: '1.3.6.1.4.1.9.1.2093', family: 'ISR 4000', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoISR4321' },
  { oid: '1.3.6.1.4.1.9.1.2105', family: 'IR800', source: 'CISCO-PRODUCTS-MIB ciscoIR809GLTEGAK9' },
  { oid: '1.3.6.1.4.1.9.1.2494', family: 'Catalyst 9300', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoCat9300FixedSwitchStack' },
  { oid: '1.3.6.1.4.1.9.1.2661', family: 'IR1100', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoIR1101K9' },
  { oid: '1.3.6.1.4.1.9.1.2664', family: 'Catalyst 9400', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoCat9400VirtualStack' },
  { oid: '1.3.6.1.4.1.9.1.2688', family: 'Catalyst 9500', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoCat9500VirtualStack' },
  { oid: '1.3.6.1.4.1.9.1.2694', family: 'Catalyst 9200L', os: 'IOS-XE', source: 'CISCO-PRODUCTS-MIB ciscoCat9200LFixedSwitchStack' },
  { oid: '1.3.6.1.4.1.9.12.3.1.3', family: 'Nexus', os: 'NX-OS', source: 'CISCO-ENTITY-VENDORTYPE-OID-MIB cevChassis (Nexus sysObjectIDs)' },
  { oid: '1.3.6.1.4.1.9.6.1', family: 'Cisco Business / Small Business', source: 'CISCOSB-MIB (Cisco Small Business products)' },
  { oid: '1.3.6.1.4.1.9.6.1.37', family: 'Cisco Business Wireless', os: 'AireOS', source: 'CISCOSB-MIB; test/fixtures/snmp/ciscowlc_cbw240ac' },
  { oid: '1.3.6.1.4.1.14179', vendor: 'Cisco', family: 'Wireless LAN Controller', os: 'AireOS', source: `${IANA} (Airespace, acquired by Cisco)` },
  { oid: '1.3.6.1.4.1.29671', vendor: 'Cisco Meraki', family: 'Meraki', source: IANA },

  // HPE, Aruba, H3C
  { oid: '1.3.6.1.4.1.11', vendor: 'HPE', source: `${IANA} (Hewlett-Packard)` },
  { oid: '1.3.6.1.4.1.11.2.3.7.11', family: 'ProCurve / Aruba switch', source: 'HP-ICF-OID hpEtherSwitch' },
  { oid: '1.3.6.1.4.1.11.2.3.7.8.5.2', family: 'ProCurve / Aruba switch stack', source: 'HP-ICF-OID hpicfSwitch subtree; the sysObjectID a ProCurve/Aruba stack answers with (test/fixtures/snmp/procurve)' },
  { oid: '1.3.6.1.4.1.25506', vendor: 'HPE', os: 'Comware', family: 'Comware switch', source: `${IANA} (H3C; HPE-branded Comware)` },
  { oid: '1.3.6.1.4.1.47196', vendor: 'Aruba', os: 'AOS-CX', family: 'AOS-CX switch', source: `${IANA} (Hewlett Packard Enterprise - Aruba CX)` },
  { oid: '1.3.6.1.4.1.14823', vendor: 'Aruba', source: `${IANA} (Aruba Networks)` },
  { oid: '1.3.6.1.4.1.14823.1.1', family: 'Mobility Controller', os: 'ArubaOS', source: 'ARUBA-MIB arubaSwitchProducts' },
  { oid: '1.3.6.1.4.1.14823.1.2', family: 'Access Point', source: 'ARUBA-MIB arubaAPProducts' },

  // Juniper
  { oid: '1.3.6.1.4.1.2636', vendor: 'Juniper', os: 'Junos', source: IANA },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.34', family: 'SRX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameSRX3600' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.39', family: 'SRX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameSRX240' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.41', family: 'SRX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameSRX100' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.57', family: 'MX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameMX80' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.63', family: 'EX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameEX4300' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.108', family: 'vMX', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameVMX' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.2.135', family: 'SRX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductNameSRX340' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.4.82', family: 'QFX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductQFX51xx' },
  { oid: '1.3.6.1.4.1.2636.1.1.1.4.131', family: 'EX Series', source: 'JUNIPER-CHASSIS-DEFINES-MIB jnxProductEX3400' },

  // Firewalls
  { oid: '1.3.6.1.4.1.12356', vendor: 'Fortinet', source: IANA },
  { oid: '1.3.6.1.4.1.12356.101.1', family: 'FortiGate', os: 'FortiOS', source: 'FORTINET-FORTIGATE-MIB fgModel' },
  { oid: '1.3.6.1.4.1.12356.101.1.644', model: 'FGT_60F', source: 'FORTINET-FORTIGATE-MIB fgt60F' },
  { oid: '1.3.6.1.4.1.12356.101.1.1041', model: 'FGT_100E', source: 'FORTINET-FORTIGATE-MIB fgt100E' },
  { oid: '1.3.6.1.4.1.12356.101.1.15000', model: 'FGT_1500D', source: 'FORTINET-FORTIGATE-MIB fgt1500D' },
  { oid: '1.3.6.1.4.1.12356.15', family: 'FortiGate', os: 'FortiOS', source: 'FORTINET-FORTIGATE-MIB (FortiOS 5 sysObjectID)' },
  { oid: '1.3.6.1.4.1.12356.106.1', family: 'FortiSwitch', os: 'FortiSwitchOS', source: 'FORTINET-FORTISWITCH-MIB fsModel' },
  { oid: '1.3.6.1.4.1.25461', vendor: 'Palo Alto Networks', os: 'PAN-OS', family: 'PA Series', source: IANA },
  { oid: '1.3.6.1.4.1.25461.2.3.24', model: 'PA-5220', source: 'PAN-PRODUCTS-MIB panPA-5220' },
  { oid: '1.3.6.1.4.1.25461.2.3.54', model: 'PA-440', source: 'PAN-PRODUCTS-MIB panPA-440' },
  { oid: '1.3.6.1.4.1.2620', vendor: 'Check Point', os: 'Gaia', family: 'Check Point appliance', source: IANA },
  { oid: '1.3.6.1.4.1.2604', vendor: 'Sophos', source: IANA },
  { oid: '1.3.6.1.4.1.2604.5', family: 'Sophos Firewall (XG)', os: 'SFOS', source: 'SFOS-FIREWALL-MIB' },
  { oid: '1.3.6.1.4.1.3097', vendor: 'WatchGuard', os: 'Fireware', family: 'Firebox', source: IANA },

  // Ubiquiti
  { oid: '1.3.6.1.4.1.41112', vendor: 'Ubiquiti', source: IANA },

  // Extreme
  { oid: '1.3.6.1.4.1.1916', vendor: 'Extreme Networks', source: IANA },
  { oid: '1.3.6.1.4.1.1916.2', family: 'ExtremeSwitching', source: 'EXTREME-BASE-MIB extremeProducts' },
  { oid: '1.3.6.1.4.1.2272', vendor: 'Extreme Networks', os: 'VOSS', family: 'VSP', source: `${IANA} (Nortel/Avaya Rapid-City, now Extreme)` },
  { oid: '1.3.6.1.4.1.5624', vendor: 'Extreme Networks', source: `${IANA} (Enterasys)` },

  // Dell
  { oid: '1.3.6.1.4.1.674', vendor: 'Dell', source: IANA },
  { oid: '1.3.6.1.4.1.674.10895', family: 'PowerConnect / N-Series', source: 'Dell-Vendor-MIB (PowerConnect, Dell Networking N)' },
  { oid: '1.3.6.1.4.1.674.11000.5000.100', family: 'OS10 switch', os: 'OS10', source: 'DELLEMC-OS10-PRODUCTS-MIB' },
  { oid: '1.3.6.1.4.1.6027', vendor: 'Dell', os: 'DNOS9/FTOS', family: 'S/Z-Series (Force10)', source: `${IANA} (Force10 Networks)` },

  // The rest of the list
  { oid: '1.3.6.1.4.1.14988', vendor: 'MikroTik', os: 'RouterOS', source: IANA },
  { oid: '1.3.6.1.4.1.25053', vendor: 'Ruckus', source: IANA },
  { oid: '1.3.6.1.4.1.25053.3.1.4', family: 'Ruckus AP', source: 'RUCKUS-PRODUCTS-MIB ruckusAPProducts' },
  { oid: '1.3.6.1.4.1.25053.3.1.5', family: 'ZoneDirector / Unleashed', source: 'RUCKUS-PRODUCTS-MIB ruckusZDProducts' },
  { oid: '1.3.6.1.4.1.25053.3.1.11', family: 'SmartZone', source: 'RUCKUS-PRODUCTS-MIB ruckusSZProducts' },
  { oid: '1.3.6.1.4.1.1991', vendor: 'Ruckus', os: 'FastIron', family: 'ICX / FastIron', sharedWith: ['Extreme Networks'], source: `${IANA} (Foundry, then Brocade, now Ruckus ICX)` },
  // NetIron went to Extreme, FastIron/ICX to Ruckus: the Foundry enterprise alone does not name the maker.
  { oid: '1.3.6.1.4.1.1991.1.3.51.7', vendor: 'Extreme Networks', os: 'NetIron', family: 'NetIron CER', source: 'FOUNDRY-SN-ROOT-MIB router products (1.3.6.1.4.1.1991.1.3); pinned by test/fixtures/snmp/ironware (sysDescr "Extreme Networks NetIron CER …", ENTITY-MIB chassis "NetIron CER 2024F-4X" made by "Extreme Networks, Inc.")' },
  { oid: '1.3.6.1.4.1.1588', vendor: 'Brocade', source: IANA },
  { oid: '1.3.6.1.4.1.207', vendor: 'Allied Telesis', source: IANA },
  { oid: '1.3.6.1.4.1.207.1.14.114', family: 'SwitchBlade x8100', model: 'AT-SBx8106', source: 'AT-PRODUCT-MIB atSBx8106' },
  { oid: '1.3.6.1.4.1.2011', vendor: 'Huawei', os: 'VRP', source: IANA },
  { oid: '1.3.6.1.4.1.2011.2.23', family: 'S Series switch', source: 'HUAWEI-MIB quidway switches' },
  { oid: '1.3.6.1.4.1.2011.2.224', family: 'AR router', source: 'HUAWEI-MIB AR series' },
  { oid: '1.3.6.1.4.1.2011.2.239', family: 'CloudEngine', source: 'HUAWEI-MIB CE series' },
  { oid: '1.3.6.1.4.1.2011.2.240', family: 'AC wireless controller', source: 'HUAWEI-MIB AC series' },
  { oid: '1.3.6.1.4.1.2011.2.360', family: 'NetEngine 8000', source: 'HUAWEI-MIB NE8000' },
  { oid: '1.3.6.1.4.1.4526', vendor: 'Netgear', family: 'Netgear managed switch', source: IANA },
  { oid: '1.3.6.1.4.1.890', vendor: 'Zyxel', source: IANA },
  { oid: '1.3.6.1.4.1.43', vendor: '3Com', source: IANA },
  { oid: '1.3.6.1.4.1.45', vendor: 'Avaya', source: IANA },
  { oid: '1.3.6.1.4.1.171', vendor: 'D-Link', source: IANA },
  { oid: '1.3.6.1.4.1.3375', vendor: 'F5', source: IANA },
  { oid: '1.3.6.1.4.1.6486', vendor: 'Alcatel-Lucent Enterprise', source: IANA },
  { oid: '1.3.6.1.4.1.6527', vendor: 'Nokia', source: IANA },
  { oid: '1.3.6.1.4.1.6876', vendor: 'VMware', source: IANA },
  { oid: '1.3.6.1.4.1.11863', vendor: 'TP-Link', source: IANA },
  { oid: '1.3.6.1.4.1.30065', vendor: 'Arista', source: IANA },
];

const byOid = new Map(PRODUCTS.map((e) => [e.oid, e]));

/** The merged table entry for a sysObjectID: each field from the longest prefix that sets it. */
export function productOf(sysObjectId: string | undefined): Product {
  const parts = (sysObjectId ?? '').replace(/^\./, '').split('.');
  const out: Product = {};
  for (let n = parts.length; n >= 7; n--) {
    const entry = byOid.get(parts.slice(0, n).join('.'));
    if (!entry) continue;
    for (const k of ['vendor', 'family', 'os', 'model', 'generic'] as const) if (out[k] === undefined && entry[k] !== undefined) out[k] = entry[k];
    if (out.sharedWith === undefined && entry.sharedWith !== undefined) out.sharedWith = entry.sharedWith;
  }
  return out;
}
