/**
 * The firmware-currency key of a network device's release: which vendor platform and release train
 * it belongs to, and an order within the train. Made at ingest from what the poller reported (`os`,
 * the whole `firmware` string) and, by the same function, for every firmware catalogue entry, so the
 * scoring SQL compares like with like.
 *
 * Versions are matched whole against each platform's own numbering, never by a substring: a string
 * that is not exactly a release of that platform (a truncated version, a build number alone, text
 * around it) has no key and its firmware currency is unknown, so a made-up version can never pass.
 */

export interface FirmwareKey {
  /** Catalogue platform: cisco-ios-xe, cisco-nx-os, cisco-asa, cisco-aireos, junos, fortios, pan-os, aos-cx, arubaos-switch, arubaos. */
  platform: string;
  /** Release train within the platform ("17.9", "10.3", "9.18", "22.4", "7.2", "16.11"). */
  train: string;
  /** The release as the catalogue spells it ("17.9.4a", "KB.16.11.0020" → "16.11.0020"). */
  version: string;
  /** Fixed-width numeric parts joined by dots: compares as text in release order within a train. */
  order: string;
}
export type FirmwareKeyResult = FirmwareKey | { unknown: string };

/** One platform's numbering: a whole-string pattern and how its groups make train, version and order. */
interface Numbering {
  platform: string;
  pattern: RegExp;
  parts: (m: RegExpExecArray) => { train: string; version: string; order: number[] };
}

const n = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Number(s));
/** A maintenance letter after a number (17.9.4a, NX-OS 10.3(4a)): none sorts before a, a before b. */
const letter = (s: string | undefined): number => (s ? s.toLowerCase().charCodeAt(0) - 96 : 0);

const NUMBERINGS: Record<string, Numbering> = {
  // IOS-XE 17.9.4a; ENTITY-MIB often pads it (17.09.04a). Train 17.9. Catalyst 9800 controllers run it too.
  'IOS-XE': {
    platform: 'cisco-ios-xe',
    pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{1,2})([a-z])?$/i,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${n(m[3])}${(m[4] ?? '').toLowerCase()}`, order: [n(m[1]), n(m[2]), n(m[3]), letter(m[4])] }),
  },
  // NX-OS 10.3(4a), 9.3(13); the M (maintenance) or F (feature) marker of 10.x names no other release.
  'NX-OS': {
    platform: 'cisco-nx-os',
    pattern: /^(\d{1,2})\.(\d{1,2})\((\d{1,2})([a-z])?\)[MF]?$/i,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}(${n(m[3])}${(m[4] ?? '').toLowerCase()})`, order: [n(m[1]), n(m[2]), n(m[3]), letter(m[4])] }),
  },
  // ASA 9.18(4), its interim builds 9.18(4)22 or 9.18(4.22) (the same release written two ways).
  ASA: {
    platform: 'cisco-asa',
    pattern: /^(\d{1,2})\.(\d{1,2})\((\d{1,2})(?:\.(\d{1,3}))?\)(\d{1,3})?$/,
    parts: (m) => {
      const interim = m[4] ?? m[5];
      return { train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}(${n(m[3])})${interim ? n(interim) : ''}`, order: [n(m[1]), n(m[2]), n(m[3]), n(interim)] };
    },
  },
  // AireOS 8.10.196.0. Train 8.10.
  AireOS: {
    platform: 'cisco-aireos',
    pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{1,3})\.(\d{1,3})$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${n(m[3])}.${n(m[4])}`, order: [n(m[1]), n(m[2]), n(m[3]), n(m[4])] }),
  },
  // Junos 22.4R3, 22.4R3-S2, with a respin 22.4R3-S2.5. R3 < R3-S1 < R4. Other release kinds (X, D, F) are not matched.
  Junos: {
    platform: 'junos',
    pattern: /^(\d{2})\.(\d)R(\d{1,2})(?:-S(\d{1,2}))?(?:\.(\d{1,2}))?$/,
    parts: (m) => ({
      train: `${n(m[1])}.${n(m[2])}`,
      version: `${n(m[1])}.${n(m[2])}R${n(m[3])}${m[4] ? `-S${n(m[4])}` : ''}${m[5] ? `.${n(m[5])}` : ''}`,
      order: [n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5])],
    }),
  },
  // FortiOS v7.2.8,build1639,240313 (GA.M) or 7.2.8: each patch release has one GA build, so the patch orders it.
  FortiOS: {
    platform: 'fortios',
    pattern: /^v?(\d)\.(\d{1,2})\.(\d{1,2})(?:,build(\d{1,5})(?:,\d{6})?(?: \([A-Z.]{1,12}\))?)?$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${n(m[3])}`, order: [n(m[1]), n(m[2]), n(m[3])] }),
  },
  // PAN-OS 10.2.9, hotfixes 10.2.9-h1. 10.2.9 < 10.2.9-h1 < 10.2.10.
  'PAN-OS': {
    platform: 'pan-os',
    pattern: /^(\d{1,2})\.(\d)\.(\d{1,2})(?:-h(\d{1,3}))?$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${n(m[3])}${m[4] ? `-h${n(m[4])}` : ''}`, order: [n(m[1]), n(m[2]), n(m[3]), n(m[4])] }),
  },
  // AOS-CX FL.10.13.1040 (platform letters, then major.minor.build) or 10.13.1040. Train 10.13.
  'AOS-CX': {
    platform: 'aos-cx',
    pattern: /^(?:[A-Z]{2}\.)?(\d{2})\.(\d{2})\.(\d{4})$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${m[3]}`, order: [n(m[1]), n(m[2]), n(m[3])] }),
  },
  // ArubaOS-Switch / ProCurve KB.16.11.0020 (platform letters, then major.minor.build). The same
  // release number ships for every platform letter, so the letters are not part of the key.
  'ArubaOS-Switch': {
    platform: 'arubaos-switch',
    pattern: /^(?:[A-Z]{1,2}\.)?(\d{2})\.(\d{2})\.(\d{4})$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${m[3]}`, order: [n(m[1]), n(m[2]), n(m[3])] }),
  },
  // ArubaOS (Mobility Controllers, Instant) 8.10.0.12. Train 8.10.
  ArubaOS: {
    platform: 'arubaos',
    pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.(\d{1,3})$/,
    parts: (m) => ({ train: `${n(m[1])}.${n(m[2])}`, version: `${n(m[1])}.${n(m[2])}.${n(m[3])}.${n(m[4])}`, order: [n(m[1]), n(m[2]), n(m[3]), n(m[4])] }),
  },
};
NUMBERINGS.ProCurve = NUMBERINGS['ArubaOS-Switch']!;

/** Platform id → the poller's OS name that numbers it, for the catalogue (which names platforms). */
export const FIRMWARE_PLATFORMS: ReadonlyMap<string, string> = new Map(
  Object.entries(NUMBERINGS).filter(([os]) => os !== 'ProCurve').map(([os, numbering]) => [numbering.platform, os]),
);

/** Five digits a part: every part above is at most 5 digits long, so text order is release order. */
const orderText = (parts: number[]): string => parts.map((p) => String(p).padStart(5, '0')).join('.');

/** Pure: the firmware-currency key of a release (`IOS-XE`, `17.09.04a` → cisco-ios-xe 17.9 17.9.4a). */
export function firmwareKey(os: string, firmware: string): FirmwareKeyResult {
  if (!os) return { unknown: 'network operating system not identified' };
  const numbering = NUMBERINGS[os];
  if (!numbering) return { unknown: `no firmware release catalogue is kept for ${os}` };
  const text = firmware.trim();
  if (!text) return { unknown: `${os} firmware not reported` };
  const match = numbering.pattern.exec(text);
  if (!match) return { unknown: `${os} firmware "${text.slice(0, 64)}" is not a ${os} release the collector can order` };
  const { train, version, order } = numbering.parts(match);
  return { platform: numbering.platform, train, version, order: orderText(order) };
}

/** The key of a catalogue entry, which names its platform rather than the poller's OS name. */
export function catalogueFirmwareKey(platform: string, version: string): FirmwareKeyResult {
  const os = FIRMWARE_PLATFORMS.get(platform);
  return os ? firmwareKey(os, version) : { unknown: `${platform} is not a firmware platform the collector knows` };
}
