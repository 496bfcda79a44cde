import type { Identity } from './identify.js';
import { wholeVersion } from './versions.js';

/**
 * sysDescr rules: per vendor, a test for its sysDescr and a parser of OS, model and firmware out of
 * it. Pure; the strings in the comments are real ones (tests and test/fixtures/snmp).
 */
const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').replace(/[,;]+$/, '').trim();
  return t ? t : undefined;
};

export interface Rule {
  vendor: string;
  /** sysDescr matches this: the rule applies (and names the vendor when the enterprise number does not). */
  test: RegExp;
  parse(descr: string): Omit<Identity, 'vendor' | 'enterprise'>;
}

/** IOS names its software platform where a model would be ("Catalyst L3 Switch"); one token with a digit is a product ("C2960X"). */
const platform = (name: string | undefined) => (name && /^\S*\d\S*$/.test(name) ? name : undefined);

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
    // "Cisco FirePOWER Threat Defense, Version 6.2.0.4 (Build 85), ASA Version 9.7(1)19" (LibreNMS's ftd
    // recording): FTD's own release, not the ASA engine's under it, with its build.
    test: /Cisco Fire ?Power Threat Defense/i,
    parse: (d) => ({ os: 'FTD', firmware: clean(/Threat Defense,?\s+Version\s+(\d[\d.]*(?: \(Build \d+\))?)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Cisco',
    test: /IOS[- ]?XE|IOSXE|Cisco IOS Software \[/i,
    parse: (d) => ({ os: 'IOS-XE', firmware: version(d), model: platform(clean(/Cisco IOS Software(?: \[[^\]]*\])?,\s*(?:IOS-XE Software,\s*)?([^,(]+?)\s+Software/i.exec(d)?.[1])) }),
  },
  {
    vendor: 'Cisco',
    test: /Cisco IOS Software|Cisco Internetwork Operating System|IOS \(tm\)/i,
    parse: (d) => ({ os: 'IOS', firmware: version(d), model: platform(clean(/(?:Cisco IOS Software,|IOS \(tm\))\s*([^,(]+?)\s+Software/i.exec(d)?.[1])) }),
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
      return { os, model, firmware: wholeVersion(/\bv\d+\.\d+\.\d+\S*(?: \([^)]*\))?/i.exec(d)?.[0]) };
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
    vendor: 'HPE',
    // "HPE OfficeConnect Switch 1820 8G J9979A, PT.02.01, Linux 3.6.5…"
    test: /^(?:HPE?|Aruba) OfficeConnect Switch .+, [A-Z]{2}\.\d{2}\.\d{2},/i,
    parse: (d) => {
      const m = /^(?:HPE?|Aruba) OfficeConnect Switch (.+?), ([A-Z]{2}\.\d{2}\.\d{2}),/i.exec(d);
      return { os: 'OfficeConnect', model: clean(m?.[1]), firmware: clean(m?.[2]) };
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

const MORE_RULES: Rule[] = [
  {
    vendor: 'Huawei',
    // "Huawei Versatile Routing Platform Software VRP (R) software, Version 5.170 (S5720 V200R010C00SPC600)"
    test: /Versatile Routing Platform|VRP \(R\) software/i,
    parse: (d) => ({ os: 'VRP', firmware: clean(/\b(V\d{3}R\d{3}C\w+)\b/.exec(d)?.[1]), model: clean(/Version [\d.]+ \((\S+) V\d{3}R/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Extreme Networks',
    // "ExtremeXOS (X440-24p) version 15.5.1.6 v1551b6-patch1-5 by release-manager"
    test: /ExtremeXOS/i,
    parse: (d) => ({ os: 'EXOS', model: clean(/ExtremeXOS \(([^)]+)\)/i.exec(d)?.[1]), firmware: clean(/\bversion (\d[\w.]*)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Extreme Networks',
    // "Extreme Networks NetIron CER, Extended route scalability, IronWare Version V6.2.0eT183 Compiled on …"
    test: /\bNetIron\b.*\bIronWare Version\b/,
    parse: (d) => ({ os: 'NetIron', firmware: clean(/IronWare Version V?(\d[\w.]*)/.exec(d)?.[1]) }),
  },
  {
    vendor: 'Extreme Networks',
    // "VSP-8404 (5.1.1.1)", "XA1440 (8.2.0.0_B020)"
    test: /^(?:VSP|XA)[\w-]* \(\d+\.\d+/,
    parse: (d) => {
      const m = /^(\S+) \((\d[^)]*)\)/.exec(d);
      return { os: 'VOSS', model: clean(m?.[1]), firmware: clean(m?.[2]) };
    },
  },
  {
    vendor: 'Dell',
    // "Dell Application Software Version: 9.9(0.0P9) … Series: S4048-ON"; Force10 the same with "Force10".
    test: /(?:Dell|Force10)\b.*(?:Application Software|Operating System) Version/i,
    parse: (d) => ({ os: 'DNOS9/FTOS', firmware: clean(/Application Software Version:\s*(\S+)/i.exec(d)?.[1]), model: clean(/Series:\s*(\S+)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Dell',
    // "Dell Networking N4032, 6.3.2.4, Linux 3.6.5", "PowerConnect 6248, 3.3.7.3, VxWorks 6.5"
    test: /^(?:Dell (?:EMC )?Networking \S+|Power[Cc]onnect \S+), \d/,
    parse: (d) => {
      const m = /^(.+?), (\d[\d.]*)/.exec(d);
      return { os: 'DNOS6', model: clean(m?.[1]), firmware: clean(m?.[2]) };
    },
  },
  {
    vendor: 'MikroTik',
    test: /^RouterOS\b/,
    parse: (d) => ({ os: 'RouterOS', model: clean(/^RouterOS (\S+)/.exec(d)?.[1]) }),
  },
  {
    vendor: 'Allied Telesis',
    // "Allied Telesis router/switch, AW+ v5.4.7-2.1"
    test: /AW\+|AlliedWare Plus/i,
    parse: (d) => ({ os: 'AlliedWare Plus', firmware: clean(/(?:AW\+|AlliedWare Plus\S*)\s+v?(\d[\w.-]*)/i.exec(d)?.[1]) }),
  },
  {
    vendor: 'Allied Telesis',
    // "AT-TQ4600 version 4.0.1.07"
    test: /^AT-\S+ version \d/,
    parse: (d) => {
      const m = /^(AT-\S+) version (\S+)/.exec(d);
      return { model: clean(m?.[1]), firmware: clean(m?.[2]) };
    },
  },
  {
    vendor: 'Netgear',
    // "GS724Tv4 ProSafe 24-port Gigabit Smart Switch, 6.3.1.11, B1.0.0.4"
    test: /^\S+ (?:ProSafe|ProSAFE|Smart|Managed|Intelligent)\b.*, \d+\.\d+/,
    parse: (d) => ({ model: clean(/^(\S+)/.exec(d)?.[1]), firmware: clean(/, (\d+(?:\.\d+)+),/.exec(d)?.[1]) }),
  },
  {
    vendor: 'Ruckus',
    // "Ruckus Wireless T300" (ZoneDirector/Unleashed APs); an Unleashed R650 answers sysObjectID 0.0.0
    // (LibreNMS's ruckuswireless-unleashed_r650 recording), so only sysDescr names its maker.
    test: /^Ruckus Wireless [A-Z]+\d+\w*$/,
    parse: (d) => ({ model: clean(/^Ruckus Wireless (\S+)$/.exec(d)?.[1]) }),
  },
  {
    vendor: 'Cisco Meraki',
    // "Meraki MS", "Meraki MR", "Meraki MX" (LibreNMS's merakims/merakimr/merakimx recordings, which
    // hold no sysObjectID): the product line as the device names it, kept with its maker's name.
    test: /^Meraki (?:M[RSXGVT]|Z\d)\S*/,
    parse: (d) => ({ model: clean(/^(Meraki \S+)/.exec(d)?.[1]) }),
  },
  {
    vendor: 'Cisco',
    test: /^Cisco Controller$|^Cisco Business Wireless/i,
    parse: () => ({ os: 'AireOS' }),
  },
  {
    vendor: 'Palo Alto Networks',
    test: /^Palo Alto Networks/i,
    parse: () => ({ os: 'PAN-OS' }),
  },
];

/** Every rule, the long-standing ones first; identify() takes the first that matches. */
export const SYSDESCR_RULES: readonly Rule[] = [...RULES, ...MORE_RULES];
