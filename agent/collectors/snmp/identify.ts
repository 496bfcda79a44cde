/**
 * Who made a device and what it runs, from sysObjectID (the IANA enterprise number under
 * 1.3.6.1.4.1) and the free text of sysDescr. Pure; fixtures of real strings in the tests.
 */

export interface Identity {
  enterprise?: number;
  vendor?: string;
  os?: string;
  model?: string;
  firmware?: string;
}

/** IANA private enterprise numbers of network vendors (https://www.iana.org/assignments/enterprise-numbers). */
export const ENTERPRISES: Record<number, string> = {
  9: 'Cisco',
  11: 'HPE',
  43: '3Com',
  45: 'Avaya',
  171: 'D-Link',
  207: 'Allied Telesis',
  311: 'Microsoft',
  674: 'Dell',
  1588: 'Brocade',
  1916: 'Extreme Networks',
  1991: 'Brocade',
  2011: 'Huawei',
  2620: 'Check Point',
  2636: 'Juniper',
  3375: 'F5',
  4413: 'Ubiquiti',
  4526: 'Netgear',
  5624: 'Extreme Networks',
  6027: 'Dell',
  6486: 'Alcatel-Lucent Enterprise',
  6527: 'Nokia',
  6876: 'VMware',
  8072: 'Net-SNMP',
  10002: 'Ubiquiti',
  11863: 'TP-Link',
  12356: 'Fortinet',
  14179: 'Cisco',
  14823: 'Aruba',
  14988: 'MikroTik',
  25053: 'Ruckus',
  25461: 'Palo Alto Networks',
  25506: 'HPE',
  29671: 'Cisco Meraki',
  30065: 'Arista',
  41112: 'Ubiquiti',
  47196: 'Aruba',
};

/** Agents whose enterprise number says little about the box (a Linux Net-SNMP agent on anything). */
const GENERIC_ENTERPRISES = new Set([8072, 311]);

export function enterpriseOf(sysObjectId: string | undefined): number | undefined {
  const m = /^\.?1\.3\.6\.1\.4\.1\.(\d+)/.exec(sysObjectId ?? '');
  return m ? Number(m[1]) : undefined;
}

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').replace(/[,;]+$/, '').trim();
  return t ? t : undefined;
};

interface Rule {
  vendor: string;
  /** sysDescr matches this: the rule applies (and names the vendor when the enterprise number does not). */
  test: RegExp;
  parse(descr: string): Omit<Identity, 'vendor' | 'enterprise'>;
}

const version = (descr: string): string | undefined => clean(/\bVersion:?\s+([0-9][^\s,]*)/i.exec(descr)?.[1]);

const RULES: Rule[] = [
  {
    vendor: 'Cisco',
    test: /Cisco NX-OS/i,
    parse: (d) => ({ os: 'NX-OS', firmware: version(d), model: clean(/NX-OS(?:\(tm\))?\s+(n\d{4}\w*)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Cisco',
    test: /Cisco Adaptive Security Appliance/i,
    parse: (d) => ({ os: 'ASA', firmware: version(d) }),
  },
  {
    vendor: 'Cisco',
    test: /IOS[- ]?XE|IOSXE|Cisco IOS Software \[/i,
    parse: (d) => ({ os: 'IOS-XE', firmware: version(d), model: clean(/Cisco IOS Software(?: \[[^\]]*\])?,\s*(?:IOS-XE Software,\s*)?([^,(]+?)\s+Software/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Cisco',
    test: /Cisco IOS Software|Cisco Internetwork Operating System|IOS \(tm\)/i,
    parse: (d) => ({ os: 'IOS', firmware: version(d), model: clean(/(?:Cisco IOS Software,|IOS \(tm\))\s*([^,(]+?)\s+Software/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Juniper',
    test: /Juniper Networks|JUNOS/i,
    parse: (d) => ({
      os: 'Junos',
      model: clean(/Juniper Networks, Inc\.\s+(\S+)/i.exec(d)?.[1]),
      firmware: clean(/JUNOS\s+([0-9][^\s,]*)/i.exec(d)?.[1]),
    }),
  },
  {
    vendor: 'Fortinet',
    test: /^Forti\w+/i,
    parse: (d) => {
      const model = clean(/^(Forti\w+(?:-[\w]+)*)/i.exec(d)?.[1]);
      const os = /^FortiSwitch/i.test(d) ? 'FortiSwitchOS' : /^FortiAP/i.test(d) ? 'FortiAP' : 'FortiOS';
      return { os, model, firmware: clean(/\bv(\d+\.\d+\.\d+)/i.exec(d)?.[1]) };
    },
  },
  {
    vendor: 'Aruba',
    // "ArubaOS (MODEL: 7210), Version 8.10.0.7 (87393)" — controllers and Instant APs
    test: /ArubaOS \(MODEL:/i,
    parse: (d) => {
      const m = /ArubaOS \(MODEL:\s*([^)]+)\),?\s*Version\s+(\S+)/i.exec(d);
      let fw = m?.[2];
      const halves = fw?.split('-');
      if (halves && halves.length === 2 && halves[0] === halves[1]) fw = halves[0];
      return { os: /Instant/i.test(d) ? 'Aruba Instant' : 'ArubaOS', model: clean(m?.[1]), firmware: clean(fw) };
    },
  },
  {
    vendor: 'HPE',
    // "HP J9772A 2530-48G-PoEP Switch, revision YA.16.10.0016, ROM YA.15.20 (…)", "ProCurve J9146A Switch 2910al-24G, revision W.14.49, …"
    test: /^(?:HP|HPE|Aruba|ProCurve|Hewlett-Packard)\s+(?:ProCurve\s+)?J\w+\s+.*revision\s+[\w.]+/i,
    parse: (d) => {
      const m = /^(HP|HPE|Aruba|ProCurve|Hewlett-Packard)\s+(?:ProCurve\s+)?(J\w+)\s+(.+?),\s*revision\s+([\w.]+)/i.exec(d);
      const name = m?.[3]?.replace(/\bSwitch\b/gi, '').replace(/\s+/g, ' ').trim();
      const fw = clean(m?.[4]);
      const major = Number(/^[A-Z]+\.(\d+)\./i.exec(fw ?? '')?.[1] ?? 0);
      const os = /^Aruba/i.test(d) || major >= 16 ? 'ArubaOS-Switch' : 'ProCurve';
      return { os, model: m ? clean(`${m[2]} ${name}`) : undefined, firmware: fw };
    },
  },
  {
    vendor: 'Aruba',
    // "Aruba JL658A 6300M 24SFP+ 4SFP56 Swch FL.10.08.1010", "ArubaOS-CX Version: FL.10.13.1000"
    test: /^(?:Aruba|HPE Aruba Networking|HPE)\s+\w+\s+(?!.*\brevision\b).*\b[A-Z]{2}\.\d{2}\.\d{2}\.\d{4}\s*$|ArubaOS-CX|AOS-CX/i,
    parse: (d) => {
      const m = /^(?:Aruba|HPE Aruba Networking|HPE)\s+(\w+)\s+(.+?)\s+([A-Z]{2}\.\d{2}\.\d{2}\.\d{4})\s*$/i.exec(d);
      const fw = m?.[3] ?? /\b([A-Z]{2}\.\d{2}\.\d{2}\.\d{4})\b/.exec(d)?.[1];
      const model = m ? clean(`${m[1]} ${m[2]!.replace(/\s+Swch$/i, '')}`) : undefined;
      return { os: 'AOS-CX', model, firmware: clean(fw) };
    },
  },
  {
    vendor: 'HPE',
    test: /Comware/i,
    parse: (d) => ({
      os: 'Comware',
      firmware: clean([/Software Version\s+([\d.]+)/i.exec(d)?.[1], /Release\s+(\w+)/i.exec(d)?.[1]].filter(Boolean).join(' Release ')),
      model: clean(/(?:^|\n)\s*(?:HPE|H3C|HP)\s+(\S+(?:\s+\S+)?)\s*(?:Switch)?/i.exec(d.split(/\r?\n/).slice(1).join('\n'))?.[1]),
    }),
  },
  {
    vendor: 'Ubiquiti',
    // "EdgeSwitch 24-Port Lite, 1.9.3.5183671, Linux 3.6.5, 1.0.0.4857129"
    test: /^EdgeSwitch/i,
    parse: (d) => {
      const m = /^(EdgeSwitch[^,]*),\s*(\d[\w.]*)/i.exec(d);
      return { os: 'EdgeSwitch', model: clean(m?.[1]), firmware: clean(m?.[2]) };
    },
  },
  {
    vendor: 'Ubiquiti',
    test: /EdgeOS/i,
    parse: (d) => ({ os: 'EdgeOS', firmware: clean(/EdgeOS\s+v?([\w.\-+]+)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Ubiquiti',
    // UniFi: "USW-24-PoE, 6.6.61.15220, Linux 3.6.5", "US-48-500W, 5.43.23.12533, Linux 3.6.5", "UAP-AC-Pro 6.5.62.14788"
    test: /^(?:US[WL]?-[\w-]+|UAP-[\w-]+|U[67]-[\w-]+|UDM[\w-]*|UXG[\w-]*|USG[\w-]*)[,\s]+\d/i,
    parse: (d) => {
      const m = /^([\w-]+)[,\s]+(\d[\w.]*)/.exec(d);
      return { os: 'UniFi', model: clean(m?.[1]), firmware: clean(m?.[2]) };
    },
  },
];

/** Identifies vendor, OS family, model and firmware; what it cannot tell stays undefined. */
export function identify(sysObjectId: string | undefined, sysDescr: string | undefined): Identity {
  const enterprise = enterpriseOf(sysObjectId);
  const byEnterprise = enterprise !== undefined ? ENTERPRISES[enterprise] : undefined;
  const descr = (sysDescr ?? '').trim();
  const specific = byEnterprise && !GENERIC_ENTERPRISES.has(enterprise!) ? byEnterprise : undefined;
  // A rule of the enterprise's own vendor first; then any rule when the enterprise is generic or unknown.
  const sameVendor = (rule: Rule) =>
    rule.vendor === specific || (specific === 'HPE' && rule.vendor === 'Aruba') || (specific === 'Aruba' && rule.vendor === 'HPE') || (specific === 'Cisco Meraki' && rule.vendor === 'Cisco');
  const rule = RULES.find((r) => sameVendor(r) && r.test.test(descr)) ?? (specific ? undefined : RULES.find((r) => r.test.test(descr)));
  const parsed = rule?.parse(descr) ?? {};
  let vendor = specific ?? rule?.vendor ?? byEnterprise;
  // HP-numbered Aruba-branded switches are Aruba products.
  if (vendor === 'HPE' && rule?.vendor === 'Aruba') vendor = 'Aruba';
  if (vendor === 'HPE' && /^Aruba\b/i.test(descr)) vendor = 'Aruba';
  return {
    ...(enterprise !== undefined ? { enterprise } : {}),
    ...(vendor ? { vendor } : {}),
    ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
  };
}

/** A version out of a free-text firmware/software string (ENTITY-MIB softwareRev, FortiGate fgSysVersion). */
export function versionIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return clean(/\bv?(\d+\.\d+(?:[.()\w-]*[\w)])?)/i.exec(text)?.[1]);
}
