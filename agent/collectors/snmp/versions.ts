/**
 * Firmware versions kept whole, with the release train beside them. Pure.
 *
 * Whole: the version as the device states it, so an advisory or end-of-life table can match a
 * rebuild (VRP `V200R010C00SPC600`, ProCurve `KB.16.11.0020`, FortiOS `v7.2.8,build1639,240313 (GA.M)`).
 * Train: the part a vendor's release notes and support tables are keyed on ('17.6' IOS-XE,
 * 'V200R010' VRP, 'KB.16.11' ProCurve, '7.2' FortiOS, '21.4' Junos).
 */

const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').replace(/[,;]+$/, '').trim();
  return t ? t : undefined;
};

/** HP/Aruba switch images: two letters, then major.minor.build (KB.16.11.0020, FL.10.13.1000). */
const HP_IMAGE = /\b([A-Z]{1,2}\.\d{2}\.\d{2}\.\d{4})\b/;
const VRP = /\b(V\d{3}R\d{3}(?:C\w+)?)\b/;
const FORTI = /\b(v\d+\.\d+\.\d+,build\d+(?:,\d+)?(?: \([^)]*\))?)/i;
/** Check Point Gaia releases: R80.40, R81.20, R77.30. */
const CHECK_POINT = /\b(R\d{2}(?:\.\d+)?)\b/;
/** A placeholder, not a release: every number zero (a ProCurve stack's sysDescr says KA.00.00.0000). */
const placeholder = (v: string) => !/[1-9]/.test(v);

/** The whole version inside a free-text field (ENTITY-MIB softwareRev, a vendor MIB scalar). */
export function wholeVersion(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const found = VRP.exec(text)?.[1] ?? HP_IMAGE.exec(text)?.[1] ?? FORTI.exec(text)?.[1] ?? /\b[vV]?(\d+\.\d+(?:[.()\w-]*[\w)])?)/.exec(text)?.[1] ?? CHECK_POINT.exec(text)?.[1];
  return found && !placeholder(found) ? clean(found) : undefined;
}

/** The release train of a whole version; undefined when the version has no recognisable shape. */
export function trainOf(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const v = version.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(V\d{3}R\d{3})/.exec(v))) return m[1];
  if ((m = /^([A-Z]{1,2}\.\d{2}\.\d{2})\.\d{4}$/.exec(v))) return m[1];
  if ((m = /^v?(\d+)\.(\d+)\.\d+,build/i.exec(v))) return `${m[1]}.${m[2]}`;
  if ((m = /^(R\d+(?:\.\d+)?)/.exec(v))) return m[1];
  // Junos: 21.4R3-S4.9 → 21.4; 15.1X53-D59.4 → 15.1X53.
  if ((m = /^(\d+\.\d+)R\d/.exec(v))) return m[1];
  if ((m = /^(\d+\.\d+X\d+)-/.exec(v))) return m[1];
  // NX-OS 7.0(3)I7(8) → 7.0(3)I7; classic IOS 15.2(7)E8 → 15.2(7)E.
  if ((m = /^(\d+\.\d+\(\d+\)[A-Z]\d+)\(/.exec(v))) return m[1];
  if ((m = /^(\d+\.\d+\(\d+\)[A-Z]+)/.exec(v))) return m[1];
  // Dotted: leading zeros dropped (IOS-XE 17.06.05 → 17.6, 03.07.05E → 3.7).
  if ((m = /^v?0*(\d+)\.0*(\d+)/i.exec(v))) return `${m[1]}.${m[2]}`;
  return undefined;
}

/** Tokens of a version with leading zeros and case dropped, for comparing two sources. */
export function versionTokens(v: string): string[] {
  return v
    .toLowerCase()
    .replace(/^v(?=\d+\.)/, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? String(Number(t)) : t));
}

/** Same release written two ways (17.06.05 and 17.6.5), or one source states more of it. */
export function sameRelease(a: string, b: string): boolean {
  const x = versionTokens(a);
  const y = versionTokens(b);
  const n = Math.min(x.length, y.length);
  return n > 0 && x.slice(0, n).join('.') === y.slice(0, n).join('.');
}
