import { productOf } from './products.js';
import { type Rule, SYSDESCR_RULES } from './sysdescr-rules.js';

/**
 * Who made a device and what it runs, from sysObjectID (the table in products.ts) and the free text
 * of sysDescr. Pure; real strings in the tests and recorded walks in test/fixtures/snmp.
 */

export interface Identity {
  enterprise?: number;
  vendor?: string;
  family?: string;
  os?: string;
  model?: string;
  /** The model the sysObjectID table names for this exact product OID. */
  productModel?: string;
  /** Whole, as sysDescr states it. */
  firmware?: string;
  /** Why the enterprise number did not name the vendor (a generic agent). */
  generic?: string;
}

export function enterpriseOf(sysObjectId: string | undefined): number | undefined {
  const m = /^\.?1\.3\.6\.1\.4\.1\.(\d+)/.exec(sysObjectId ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Identifies vendor, OS family, model and firmware; what it cannot tell stays undefined. */
export function identify(sysObjectId: string | undefined, sysDescr: string | undefined): Identity {
  const enterprise = enterpriseOf(sysObjectId);
  const product = productOf(sysObjectId);
  const descr = (sysDescr ?? '').trim();
  const specific = product.generic ? undefined : product.vendor;
  const rules = SYSDESCR_RULES;
  // A rule of the enterprise's own vendor first; then any rule when the enterprise is generic or unknown.
  const sameVendor = (rule: Rule) =>
    rule.vendor === specific || (specific === 'HPE' && rule.vendor === 'Aruba') || (specific === 'Aruba' && rule.vendor === 'HPE') || (specific === 'Cisco Meraki' && rule.vendor === 'Cisco');
  // An enterprise several makers number products under: a rule of one of them names the maker.
  const shared = (r: Rule) => product.sharedWith?.includes(r.vendor) === true && r.vendor !== specific;
  const rule =
    rules.find((r) => (sameVendor(r) || shared(r)) && r.test.test(descr)) ?? (specific ? undefined : rules.find((r) => r.test.test(descr)));
  const parsed = rule?.parse(descr) ?? {};
  const tableGivesWay = rule !== undefined && shared(rule);
  let vendor = tableGivesWay ? rule.vendor : (specific ?? rule?.vendor);
  // HP-numbered Aruba-branded switches are Aruba products.
  if (vendor === 'HPE' && rule?.vendor === 'Aruba') vendor = 'Aruba';
  if (vendor === 'HPE' && /^Aruba\b/i.test(descr)) vendor = 'Aruba';
  const fromTable = tableGivesWay ? {} : { family: product.family, os: product.os, productModel: product.model };
  return {
    ...(enterprise !== undefined ? { enterprise } : {}),
    ...(vendor ? { vendor } : {}),
    ...(product.generic && !vendor ? { generic: product.generic } : {}),
    ...Object.fromEntries(Object.entries(fromTable).filter(([, v]) => v !== undefined)),
    ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
  };
}
