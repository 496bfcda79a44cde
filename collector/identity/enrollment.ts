import type { EnrollRequest, EnrollResponse } from '../../protocol/index.js';
import type { DeviceRole, EnrolSecretRecord, EnrolSecrets, ReenrolmentRecord } from './enrol-secrets.js';
import type { Registry } from './registry.js';
import { toClickHouseTime } from '../store/time.js';
import type { DeviceAuthenticator } from './device-auth.js';
import { deviceIdFor, newNodeKey, randomToken, sha256Hex } from './keys.js';
import { DomainError, type ErrorKind } from '../errors.js';

/** An enrolment or secret refused: a DomainError of its kind (the API's renderer picks the status). */
export class EnrollmentError extends DomainError {
  constructor(
    kind: Extract<ErrorKind, 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict'>,
    message: string,
    /** The device a refused enrolment was for, when known: for the audit line. */
    readonly deviceId?: string,
  ) {
    super(kind, message);
    this.name = 'EnrollmentError';
  }
}

export interface SecretOptions {
  role: DeviceRole;
  expiresAt?: Date;
  /** May replace the key of a device that already holds one (a reimaging campaign). */
  allowReenrol: boolean;
}

/** How long an admin's approval of a re-enrolment waits for the device to use it: the project's choice. */
export const APPROVAL_LIFETIME_MS = 24 * 3600_000;

export type SecretStatus = 'active' | 'expired' | 'revoked';
export type ListedSecret = EnrolSecretRecord & { status: SecretStatus };
export type IssuedSecret = ListedSecret & { enroll_secret: string };

export interface EnrolmentOutcome {
  response: EnrollResponse;
  /** Set when the enrolment replaced an active key, and who allowed it: worth an audit line. */
  reenrolment?: 'admin' | 'secret';
}

export function secretStatus(secret: EnrolSecretRecord, now: number): SecretStatus {
  if (secret.revoked) return 'revoked';
  return secret.expires_at && Date.parse(secret.expires_at) <= now ? 'expired' : 'active';
}

/**
 * Enrol secrets and enrolment. An enrolment gets the secret's role; a revoked device stays revoked
 * until an admin reinstates it; a device that holds an active key is re-enrolled only with an admin's
 * approval or a secret created to allow it, so a site's secret cannot take a device over.
 */
export class Enrollment {
  private readonly now: () => number;

  constructor(
    private readonly registry: Registry,
    private readonly auth: DeviceAuthenticator,
    private readonly secrets: EnrolSecrets,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Creates an enrol secret for a site; the plain secret is returned once and only its hash kept. */
  async createSecret(siteId: string, options: SecretOptions = { role: 'endpoint', allowReenrol: false }): Promise<IssuedSecret> {
    const site = await this.registry.getSite(siteId);
    if (!site) throw new EnrollmentError('not-found', `site "${siteId}" does not exist`);
    if (options.expiresAt && options.expiresAt.getTime() <= this.now()) throw new EnrollmentError('invalid', 'expires_at must be in the future');
    const secret = randomToken('sfe');
    const record = await this.secrets.add(sha256Hex(secret), { site_id: siteId, role: options.role, expires_at: options.expiresAt ?? null, allow_reenrol: options.allowReenrol }, new Date(this.now()));
    return { ...record, status: 'active', enroll_secret: secret };
  }

  async listSecrets(siteId?: string): Promise<ListedSecret[]> {
    const now = this.now();
    return (await this.secrets.list(siteId)).map((secret) => ({ ...secret, status: secretStatus(secret, now) }));
  }

  revokeSecret(secretId: string): Promise<boolean> {
    return this.secrets.revoke(secretId, new Date(this.now()));
  }

  /** Enrols (or re-enrols) a device; a re-enrolment keeps the device id and replaces its key. */
  async enroll(request: EnrollRequest): Promise<EnrolmentOutcome> {
    const secretHash = sha256Hex(request.enroll_secret);
    const secret = await this.secrets.find(secretHash);
    if (!secret) throw new EnrollmentError('unauthenticated', 'enroll_secret is not known to this collector');
    const status = secretStatus(secret, this.now());
    if (status === 'revoked') throw new EnrollmentError('forbidden', 'enroll_secret has been revoked');
    if (status === 'expired') throw new EnrollmentError('forbidden', `enroll_secret expired at ${secret.expires_at}`);
    const site = await this.registry.getSite(secret.site_id);
    if (!site) throw new EnrollmentError('forbidden', `the site of this enroll_secret ("${secret.site_id}") no longer exists`);

    const deviceId = deviceIdFor(site.trust_id, request.fingerprint);
    const reenrolment = await this.reenrolmentAllowance(deviceId, secret, request, site);
    const nodeKey = newNodeKey(deviceId);
    const nodeKeyHash = sha256Hex(nodeKey);
    // `enrolled_at` is the latest enrolment; first sight is in reports.
    await this.registry.upsertDevice({
      device_id: deviceId,
      kind: 'endpoint',
      trust_id: site.trust_id,
      site_id: site.site_id,
      fingerprint: request.fingerprint,
      hostname: request.hostname,
      platform: request.platform,
      agent_version: request.agent_version,
      node_key_hash: nodeKeyHash,
      enrolled_at: toClickHouseTime(this.now()),
      revoked: 0,
      role: secret.role,
    });
    if (reenrolment?.approval) await this.secrets.putReenrolment({ ...reenrolment.approval, status: 'used' }, new Date(this.now()));
    this.auth.remember({ deviceId, trustId: site.trust_id, siteId: site.site_id, keyHash: nodeKeyHash, revoked: false, role: secret.role });
    return {
      response: { device_id: deviceId, node_key: nodeKey, site_id: site.site_id, trust_id: site.trust_id },
      ...(reenrolment ? { reenrolment: reenrolment.by } : {}),
    };
  }

  /** Undefined for a first enrolment (or after an admin cleared the key); throws when not allowed. */
  private async reenrolmentAllowance(
    deviceId: string,
    secret: EnrolSecretRecord,
    request: EnrollRequest,
    site: { site_id: string; trust_id: string },
  ): Promise<{ by: 'admin' | 'secret'; approval?: ReenrolmentRecord } | undefined> {
    const existing = await this.registry.getDevice(deviceId);
    if (!existing) return undefined;
    if (existing.revoked === 1) {
      throw new EnrollmentError('forbidden', `device ${deviceId} has been revoked; an admin must reinstate it (sf-collector device reinstate ${deviceId}) before it can enrol again`, deviceId);
    }
    if (existing.node_key_hash === '') return undefined;
    // A reimaging secret re-keys its own site's devices only; moving a device between sites takes an admin.
    if (secret.allow_reenrol && existing.site_id === site.site_id) return { by: 'secret' };
    const pending = await this.secrets.reenrolment(deviceId);
    // An approval is for the request the admin saw: the same site, and not older than a day.
    if (pending?.status === 'approved' && pending.site_id === site.site_id && this.now() - Date.parse(pending.decided_at ?? '') <= APPROVAL_LIFETIME_MS) {
      return { by: 'admin', approval: pending };
    }
    await this.secrets.putReenrolment(
      { device_id: deviceId, trust_id: site.trust_id, site_id: site.site_id, fingerprint: request.fingerprint, hostname: request.hostname, secret_id: secret.secret_id, requested_at: new Date(this.now()).toISOString(), status: 'pending' },
      new Date(this.now()),
    );
    throw new EnrollmentError(
      'conflict',
      `device ${deviceId} already holds an active key; its re-enrolment waits for an admin's approval (sf-collector device approve ${deviceId}) or an enrol secret created with --allow-reenrol`,
      deviceId,
    );
  }

  /** Lets the next enrolment of a device with a pending request replace its key (once). */
  async decideReenrolment(deviceId: string, decision: 'approved' | 'rejected'): Promise<boolean> {
    const request = await this.secrets.reenrolment(deviceId);
    if (request?.status !== 'pending') return false;
    await this.secrets.putReenrolment({ ...request, status: decision }, new Date(this.now()));
    return true;
  }

  openReenrolments(): Promise<ReenrolmentRecord[]> {
    return this.secrets.openReenrolments();
  }

  async revoke(deviceId: string): Promise<boolean> {
    const device = await this.registry.getDevice(deviceId);
    if (!device) return false;
    await this.registry.upsertDevice({ ...device, revoked: 1 });
    this.auth.forget(deviceId);
    return true;
  }

  /**
   * Clears a revocation without restoring the old key: the device enrols again (no approval needed)
   * for a new one. False when there is no such device; throws when it is not revoked.
   */
  async reinstate(deviceId: string): Promise<boolean> {
    const device = await this.registry.getDevice(deviceId);
    if (!device) return false;
    if (device.revoked !== 1) throw new EnrollmentError('conflict', `device ${deviceId} is not revoked`);
    await this.registry.upsertDevice({ ...device, revoked: 0, node_key_hash: '' });
    this.auth.forget(deviceId);
    return true;
  }
}
