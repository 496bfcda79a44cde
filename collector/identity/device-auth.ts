import type { ErrorKind } from '../errors.js';
import type { DeviceRole } from './enrol-secrets.js';
import type { Registry } from './registry.js';
import { deviceIdOfNodeKey, sameHash } from './keys.js';

export interface AuthenticatedDevice {
  deviceId: string;
  trustId: string;
  siteId: string;
  /** Enrolled with a site-poller secret ('poller') or an endpoint one. */
  role: DeviceRole;
}

export type AuthOutcome =
  | { ok: true; device: AuthenticatedDevice }
  /** No valid key (unauthenticated), or a valid key of a revoked device (forbidden). */
  | { ok: false; kind: Extract<ErrorKind, 'unauthenticated' | 'forbidden'>; message: string };

export interface CachedDevice extends AuthenticatedDevice {
  keyHash: string;
  revoked: boolean;
}

export interface DeviceAuthOptions {
  /**
   * How long a looked-up device is trusted before the store is asked again: the longest a revocation
   * made through another collector on the same database goes unseen here. This process's own
   * enrolments and revocations take effect at once.
   */
  cacheMs?: number;
  maxCached?: number;
  now?: () => number;
}

export const DEFAULT_DEVICE_CACHE_MS = 60_000;

/**
 * Checks node keys. Devices are cached for `cacheMs` after a lookup so the hot path of report
 * ingestion does not query the store on every report.
 */
export class DeviceAuthenticator {
  private readonly cache = new Map<string, { device: CachedDevice; expires: number }>();
  private readonly cacheMs: number;
  private readonly maxCached: number;
  private readonly now: () => number;

  constructor(
    private readonly registry: Registry,
    options: DeviceAuthOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? DEFAULT_DEVICE_CACHE_MS;
    this.maxCached = options.maxCached ?? 200_000;
    this.now = options.now ?? Date.now;
  }

  async authenticate(authorization: string | undefined): Promise<AuthOutcome> {
    if (!authorization) return { ok: false, kind: 'unauthenticated', message: 'missing Authorization: Bearer <node key>' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, kind: 'unauthenticated', message: 'Authorization must be "Bearer <node key>"' };
    const nodeKey = match[1]!;
    const deviceId = deviceIdOfNodeKey(nodeKey);
    if (!deviceId) return { ok: false, kind: 'unauthenticated', message: 'node key is malformed' };
    const device = await this.lookup(deviceId);
    if (!device || !sameHash(nodeKey, device.keyHash)) {
      return { ok: false, kind: 'unauthenticated', message: 'node key is not valid (unknown, or replaced by a re-enrolment)' };
    }
    if (device.revoked) return { ok: false, kind: 'forbidden', message: 'this device has been revoked; an admin must reinstate it before it can enrol again' };
    return { ok: true, device: { deviceId: device.deviceId, trustId: device.trustId, siteId: device.siteId, role: device.role } };
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
    if (this.cacheMs <= 0) return;
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(device.deviceId, { device, expires: this.now() + this.cacheMs });
  }

  private async lookup(deviceId: string): Promise<CachedDevice | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached && cached.expires > this.now()) return cached.device;
    this.cache.delete(deviceId);
    const record = await this.registry.getDevice(deviceId);
    if (!record) return undefined;
    const device: CachedDevice = {
      deviceId,
      trustId: record.trust_id,
      siteId: record.site_id,
      keyHash: record.node_key_hash,
      revoked: record.revoked === 1,
      role: record.role === 'poller' ? 'poller' : 'endpoint',
    };
    this.put(device);
    return device;
  }
}
