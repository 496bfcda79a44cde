import type { EnrollRequest, EnrollResponse } from '../../protocol/index.js';
import type { Registry } from '../store/registry.js';
import { toClickHouseTime } from '../store/time.js';
import type { DeviceAuthenticator } from './device-auth.js';
import { deviceIdFor, newNodeKey, randomToken, sha256Hex } from './keys.js';

export class EnrollmentError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

export class Enrollment {
  constructor(
    private readonly registry: Registry,
    private readonly auth: DeviceAuthenticator,
  ) {}

  /** Creates an enrol secret for a site; the plain secret is returned once and only its hash kept. */
  async createSecret(siteId: string): Promise<string> {
    const site = await this.registry.getSite(siteId);
    if (!site) throw new EnrollmentError(404, `site "${siteId}" does not exist`);
    const secret = randomToken('sfe');
    await this.registry.addEnrollSecret(siteId, sha256Hex(secret));
    return secret;
  }

  /** Enrols (or re-enrols) a device; a re-enrolment keeps the device id and replaces its key. */
  async enroll(request: EnrollRequest): Promise<EnrollResponse> {
    const secret = await this.registry.findEnrollSecret(sha256Hex(request.enroll_secret));
    if (!secret) throw new EnrollmentError(401, 'enroll_secret is not known to this collector');
    if (secret.revoked) throw new EnrollmentError(403, 'enroll_secret has been revoked');
    const site = await this.registry.getSite(secret.site_id);
    if (!site) throw new EnrollmentError(403, `the site of this enroll_secret ("${secret.site_id}") no longer exists`);

    const deviceId = deviceIdFor(site.trust_id, request.fingerprint);
    const nodeKey = newNodeKey(deviceId);
    const nodeKeyHash = sha256Hex(nodeKey);
    // Written without reading first: enrolment storms (a site's whole estate on MDM push day)
    // cost one batched row each. `enrolled_at` is the latest enrolment; first sight is in reports.
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
      enrolled_at: toClickHouseTime(Date.now()),
      revoked: 0,
    });
    this.auth.remember({ deviceId, trustId: site.trust_id, siteId: site.site_id, keyHash: nodeKeyHash, revoked: false });
    return { device_id: deviceId, node_key: nodeKey, site_id: site.site_id, trust_id: site.trust_id };
  }

  async revoke(deviceId: string): Promise<boolean> {
    const device = await this.registry.getDevice(deviceId);
    if (!device) return false;
    await this.registry.upsertDevice({ ...device, revoked: 1 });
    this.auth.forget(deviceId);
    return true;
  }
}
