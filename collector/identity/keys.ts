import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A high-entropy random token; stored only as its sha256 (no slow hash needed at 256 bits). */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sameHash(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Node keys name their device so a lookup is by primary key: `sfk.<device_id>.<secret>`. */
export function newNodeKey(deviceId: string): string {
  return `sfk.${deviceId}.${randomBytes(32).toString('base64url')}`;
}

export function deviceIdOfNodeKey(nodeKey: string): string | undefined {
  const match = /^sfk\.(dev_[0-9a-z]{8,64})\.[A-Za-z0-9_-]{20,}$/.exec(nodeKey);
  return match?.[1];
}

/** The same hardware enrolling again in the same trust keeps its device id. */
export function deviceIdFor(trustId: string, fingerprint: string): string {
  return `dev_${sha256Hex(`${trustId}:${fingerprint}`).slice(0, 24)}`;
}
