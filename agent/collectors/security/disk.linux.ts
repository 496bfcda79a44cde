import { type Security, unknown } from '../../../protocol/index.js';
import { asRecord, asRecords } from '../clean.js';

export type DiskEncryption = Security['disk_encryption'];

/** Where `/` lives, from `findmnt -no SOURCE,FSTYPE /`. */
export interface RootMount {
  source: string;
  fstype: string;
}

// Roots that are not a block device: containers, live systems, network boots.
const VIRTUAL_ROOT_FS = new Set(['overlay', 'aufs', 'tmpfs', 'rootfs', 'squashfs', 'nfs', 'nfs4', 'cifs', 'fuse-overlayfs', '9p', 'virtiofs']);

/** Pure: `findmnt -no SOURCE,FSTYPE /` → the root source, or why it is not a local block device. */
export function parseFindmntRoot(text: string): RootMount | { unknown: string } {
  const line = text.split(/\r?\n/).find((l) => l.trim().length > 0)?.trim();
  if (!line) return unknown('findmnt printed nothing for /');
  const [rawSource = '', fstype = ''] = line.split(/\s+/);
  // btrfs subvolumes print as "/dev/nvme0n1p2[/@]": the device is the part before the bracket.
  const source = rawSource.replace(/\[.*\]$/, '');
  if (VIRTUAL_ROOT_FS.has(fstype) || VIRTUAL_ROOT_FS.has(source)) {
    return unknown(`root filesystem is ${fstype || source} (container or live system): the host disk is not visible`);
  }
  if (!source.startsWith('/dev/')) return unknown(`root filesystem ${source} (${fstype || 'unknown type'}) is not on a local block device`);
  return { source, fstype };
}

interface LsblkNode {
  name?: unknown;
  type?: unknown;
  fstype?: unknown;
  children?: unknown;
}

interface BlockDevice {
  name: string;
  type: string;
  fstype: string;
}

function flatten(node: LsblkNode, out: BlockDevice[]): BlockDevice[] {
  out.push({ name: String(node.name ?? ''), type: String(node.type ?? '').toLowerCase(), fstype: String(node.fstype ?? '') });
  for (const child of asRecords<LsblkNode>(node.children)) flatten(child, out);
  return out;
}

/**
 * Pure: `lsblk -J -s -o NAME,TYPE,FSTYPE <root device>` → every device the root depends on.
 * With `-s` the tree is inverted, so the root's "children" are the layers beneath it
 * (LVM → crypt → partition → disk). Undefined when the output is not lsblk JSON.
 */
export function parseLsblkJson(text: string): BlockDevice[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const devices = asRecord<{ blockdevices?: unknown }>(doc)?.blockdevices;
  if (!Array.isArray(devices)) return undefined;
  return asRecords<LsblkNode>(devices).flatMap((d) => flatten(d, []));
}

/**
 * Pure: `lsblk -P -s -o NAME,TYPE,FSTYPE <root device>` (KEY="value" pairs) for util-linux
 * before 2.27 (RHEL 7, Ubuntu 16.04), which has no JSON output.
 */
export function parseLsblkPairs(text: string): BlockDevice[] | undefined {
  const devices: BlockDevice[] = [];
  for (const line of text.split(/\r?\n/)) {
    const pairs = Object.fromEntries([...line.matchAll(/([A-Z:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (pairs.NAME === undefined || pairs.TYPE === undefined) continue;
    devices.push({ name: pairs.NAME, type: pairs.TYPE.toLowerCase(), fstype: pairs.FSTYPE ?? '' });
  }
  return devices.length > 0 ? devices : undefined;
}

/** Pure: the devices under `/` → encryption state. A `crypt` layer anywhere below root means dm-crypt. */
export function mapRootEncryption(devices: BlockDevice[] | undefined): DiskEncryption {
  if (!devices || devices.length === 0) return unknown('lsblk gave no device list for the root filesystem');
  const crypt = devices.find((d) => d.type === 'crypt');
  if (!crypt) return { enabled: false, method: 'none' };
  // The LUKS header sits on the layer below the mapping; "crypt" without it is plain dm-crypt.
  const luks = devices.some((d) => /^crypto_luks$/i.test(d.fstype));
  return { enabled: true, method: luks ? 'LUKS' : 'dm-crypt' };
}
