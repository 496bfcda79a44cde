import { hostname as osHostname } from 'node:os';
import { EnrollRequest, EnrollResponse, describeIssues, formatProblems } from '../protocol/index.js';
import { reportedHostname } from './collectors/os/index.js';
import type { AgentConfig } from './config/schema.js';
import { type HardwareIds, computeFingerprint, readHardwareIds } from './fingerprint.js';
import { type Identity, readIdentity, writeIdentity } from './identity.js';
import type { Logger } from './log.js';
import { fullJitterDelay } from './sender/backoff.js';
import { type HttpPost, type PostResponse, describePostError, httpPost } from './transport/http-post.js';
import { sleep } from './host/sleep.js';
import { AGENT_VERSION } from './version.js';

export class EnrollError extends Error {
  override name = 'EnrollError';
  constructor(
    message: string,
    /** False when retrying cannot help (bad secret, missing setting): a person must act. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface EnrollDeps {
  config: AgentConfig;
  log: Logger;
  post?: HttpPost;
  readIds?: () => Promise<HardwareIds>;
  hostname?: () => string;
  platform?: NodeJS.Platform;
  now?: () => Date;
}

function protocolPlatform(platform: NodeJS.Platform): EnrollRequest['platform'] {
  return platform === 'linux' || platform === 'win32' || platform === 'darwin' ? platform : 'other';
}

/** One enrolment attempt: POST /v1/enroll, store the identity with owner-only permissions. */
export async function enroll(deps: EnrollDeps): Promise<Identity> {
  const { config, log } = deps;
  if (!config.collector_url) throw new EnrollError('collector_url is not set (SF_COLLECTOR_URL or --collector-url)', false);
  if (!config.enroll_secret) throw new EnrollError('not enrolled and no enroll_secret given (SF_ENROLL_SECRET or --enroll-secret)', false);
  const request: EnrollRequest = {
    enroll_secret: config.enroll_secret,
    fingerprint: computeFingerprint(await (deps.readIds ?? readHardwareIds)()),
    hostname: reportedHostname((deps.hostname ?? osHostname)(), config.privacy.send_hostname),
    platform: protocolPlatform(deps.platform ?? process.platform),
    agent_version: AGENT_VERSION,
  };
  const url = `${config.collector_url.replace(/\/+$/, '')}/v1/enroll`;
  let response: PostResponse;
  try {
    response = await (deps.post ?? httpPost)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(config.sender.request_timeout_seconds * 1000),
    });
  } catch (error) {
    throw new EnrollError(`cannot reach collector at ${url}: ${describePostError(error)}`, true);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) {
    throw new EnrollError(`collector refused the enrol secret (HTTP ${response.status})`, false);
  }
  if (response.status === 400) throw new EnrollError(`collector rejected the enrol request: ${text.slice(0, 300)}`, false);
  if (response.status !== 200 && response.status !== 201) {
    throw new EnrollError(`enrolment failed with HTTP ${response.status}: ${text.slice(0, 300)}`, true);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new EnrollError('collector answered the enrolment with a body that is not JSON', true);
  }
  const parsed = EnrollResponse.safeParse(body);
  if (!parsed.success) throw new EnrollError(`unexpected enrolment answer: ${formatProblems(describeIssues(parsed.error))}`, true);
  const identity: Identity = {
    ...parsed.data,
    collector_url: config.collector_url,
    enrolled_at: (deps.now?.() ?? new Date()).toISOString(),
  };
  await writeIdentity(config.state_dir, identity);
  log.info('enrolled', { device_id: identity.device_id, site_id: identity.site_id, trust_id: identity.trust_id });
  return identity;
}

/** The stored identity, or enrol (first run only), retrying transient failures until the signal aborts. */
export async function ensureEnrolled(deps: EnrollDeps & { signal?: AbortSignal; backoffInitialMs?: number; backoffMaxMs?: number }): Promise<Identity | undefined> {
  const existing = await readIdentity(deps.config.state_dir);
  if (existing) return existing;
  for (let attempt = 0; !deps.signal?.aborted; attempt++) {
    try {
      return await enroll(deps);
    } catch (error) {
      if (!(error instanceof EnrollError) || !error.retryable) throw error;
      const wait = fullJitterDelay(attempt, deps.backoffInitialMs ?? 1000, deps.backoffMaxMs ?? 300_000, Math.random);
      deps.log.warn('enrolment failed, will retry', { error: error.message, retry_in_ms: wait });
      await sleep(wait, deps.signal);
    }
  }
  return undefined;
}
