import { isIP } from 'node:net';
import type { DoctorCheck } from './doctor.js';

const MAX_VERDICT = 400;

/** Pure: this machine itself — 127.0.0.0/8, ::1 (also as ::ffff:127.x) or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * Pure: a warning when reports would cross the network in clear. Plain HTTP to another machine
 * exposes the inventory and security posture on the wire and lets anyone in the path pose as the
 * collector (NCSC Cloud Security Principle 1, "data in transit protection"); loopback never leaves
 * the machine, so it is allowed without a warning (tests, a collector on the same host).
 */
export function plainHttpWarning(collectorUrl: string): DoctorCheck | undefined {
  let url: URL;
  try {
    url = new URL(collectorUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return {
    check: 'collector_tls',
    ok: false,
    severity: 'warning',
    detail: `collector URL is plain http:// to ${url.hostname}, not this machine — reports cross the network unencrypted and the collector is not authenticated; use https://`,
  };
}

/** Pure: "5 min", "90 s", "2 h" — how a person says an interval over the phone. */
export function spokenInterval(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${Math.round(seconds * 10) / 10} s`;
}

/** The collector's address without any credentials a URL might carry. */
function shownUrl(collectorUrl: string): string {
  try {
    const url = new URL(collectorUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return collectorUrl;
  }
}

const afterColon = (detail: string): string => detail.replace(/^GET \S+: /, '');

/** Why nothing reaches the collector, from the first blocking check, if any. */
function blockingReason(byName: Map<string, DoctorCheck>): string | undefined {
  const failed = (name: string): DoctorCheck | undefined => {
    const check = byName.get(name);
    return check && !check.ok ? check : undefined;
  };
  if (failed('collector_url')) return 'no collector URL set (SF_COLLECTOR_URL or --collector-url)';
  const enrolment = failed('enrolment');
  if (enrolment) return `cannot enrol (${enrolment.detail})`;
  const stateDir = failed('state_dir');
  if (stateDir) return `state directory unusable (${stateDir.detail})`;
  const transport = failed('collector_transport');
  if (transport) return `cannot connect as configured (${transport.detail})`;
  const reach = failed('collector_reachable');
  if (reach) return `collector unreachable (${afterColon(reach.detail)})`;
  return undefined;
}

/**
 * Pure: the last line of `doctor`, short enough to read to a service desk over the phone.
 * NOT REPORTING when a report cannot reach the collector; NEEDS ATTENTION when it can but a
 * probe fails or a warning stands; OK WITH GAPS when some values are unknown here; OK otherwise.
 */
export function doctorVerdict(checks: readonly DoctorCheck[], collectorUrl: string | undefined, reportEverySeconds: number | undefined): DoctorCheck {
  const byName = new Map(checks.map((c) => [c.check, c]));
  const blocking = blockingReason(byName);
  const say = (ok: boolean, text: string): DoctorCheck => {
    const line = `VERDICT: ${text}`;
    return { check: 'verdict', ok, detail: line.length > MAX_VERDICT ? `${line.slice(0, MAX_VERDICT - 1)}…` : line };
  };
  if (blocking || collectorUrl === undefined) return say(false, `NOT REPORTING — ${blocking ?? 'no collector URL set'}`);
  const where = `reporting to ${shownUrl(collectorUrl)}${reportEverySeconds ? ` every ${spokenInterval(reportEverySeconds)}` : ''}`;
  const attention: string[] = [];
  const gaps: string[] = [];
  for (const check of checks) {
    if (check.check.startsWith('probe:')) {
      const name = check.check.slice('probe:'.length);
      if (check.status === 'failed') attention.push(`${name} failed (${check.detail.replace(/^failed after [\d.]+ ms: /, '')})`);
      else if (check.status === 'degraded') gaps.push(`${name} (${(check.unknown ?? []).map((u) => u.field).join(', ')})`);
    } else if (!check.ok) attention.push(check.severity === 'warning' ? (check.detail.split(' — ')[0] as string) : `${check.check}: ${check.detail}`);
  }
  if (attention.length > 0) return say(false, `NEEDS ATTENTION — ${where}; ${[...attention, ...(gaps.length ? [`unknown here: ${gaps.join('; ')}`] : [])].join('; ')}`);
  if (gaps.length > 0) return say(true, `OK WITH GAPS — ${where}; unknown here: ${gaps.join('; ')}`);
  return say(true, `OK — ${where}`);
}
