import type { Registry } from '../store/registry.js';
import { deviceIdOfNodeKey, sameHash } from './keys.js';

export interface AuthenticatedDevice {
  deviceId: string;
  trustId: string;
  siteId: string;
}

export type AuthOutcome =
  | { ok: true; device: AuthenticatedDevice }
  | { ok: false; status: 401 | 403; message: string };

export interface CachedDevice extends AuthenticatedDevice {
  keyHash: string;
  revoked: boolean;
}

/**
 * Checks node keys. Devices are cached after the first lookup so the hot path of report
 * ingestion does not query the store; enrolment and revocation drop the cached entry.
 */
export class DeviceAuthenticator {
  private readonly cache = new Map<string, CachedDevice>();

  constructor(
    private readonly registry: Registry,
    private readonly maxCached = 200_000,
  ) {}

  async authenticate(authorization: string | undefined): Promise<AuthOutcome> {
    if (!authorization) return { ok: false, status: 401, message: 'missing Authorization: Bearer <node key>' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, status: 401, message: 'Authorization must be "Bearer <node key>"' };
    const nodeKey = match[1]!;
    const deviceId = deviceIdOfNodeKey(nodeKey);
    if (!deviceId) return { ok: false, status: 401, message: 'node key is malformed' };
    const device = await this.lookup(deviceId);
    if (!device || !sameHash(nodeKey, device.keyHash)) {
      return { ok: false, status: 401, message: 'node key is not valid (unknown, or replaced by a re-enrolment)' };
    }
    if (device.revoked) return { ok: false, status: 403, message: 'this device has been revoked; re-enrol it' };
    return { ok: true, device: { deviceId: device.deviceId, trustId: device.trustId, siteId: device.siteId } };
  }

  forget(deviceId: string): void {
    this.cache.delete(deviceId);
  }

  /** Enrolment knows the new key; caching it saves the first report a lookup. */
  remember(device: CachedDevice): void {
    this.cache.delete(device.deviceId);
    this.put(device);
  }

  private put(device: CachedDevice): void {
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(device.deviceId, device);
  }

  private async lookup(deviceId: string): Promise<CachedDevice | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached) return cached;
    const record = await this.registry.getDevice(deviceId);
    if (!record) return undefined;
    const device: CachedDevice = {
      deviceId,
      trustId: record.trust_id,
      siteId: record.site_id,
      keyHash: record.node_key_hash,
      revoked: record.revoked === 1,
    };
    this.put(device);
    return device;
  }
}
