import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { NetworkDevice } from '../../../protocol/index.js';
import { unknown } from '../../../protocol/unknown.js';
import type { SnmpConfig, SnmpTarget } from '../../config/snmp.js';
import type { CollectContext, Collector, CollectorOutput } from '../types.js';
import { type SecretSources, resolveCredential, systemSecrets } from './credentials.js';
import { OID } from './oids.js';
import { type PollTarget, baseDevice, pollDevice } from './poll.js';
import type { PollSnapshot } from './rates.js';
import { type ResolvedCredential, type SessionFactory, SnmpError, describeSnmpError } from './session.js';

export { counterDelta } from './rates.js';
export { identify } from './identify.js';

export interface SnmpCollectorOptions {
  sessionFactory?: SessionFactory;
  secrets?: SecretSources;
}

/** Communities tried by the hygiene check (CYB-NET-MGMT: no v1/v2c default communities accepted). */
export const DEFAULT_COMMUNITIES = ['public', 'private'] as const;
const HYGIENE_EVERY_MS = 24 * 3600 * 1000;

/** Identity of the last good poll, repeated on a failed one so latest-state keeps what the device is. */
const CARRIED = ['sys_descr', 'sys_object_id', 'sys_name', 'sys_location', 'sys_contact', 'enterprise', 'vendor', 'os', 'model', 'firmware', 'serial', 'hardware_revision', 'firmware_revision', 'software_revision', 'manufacture_date', 'age_days', 'family', 'firmware_train', 'firmware_source', 'stack_members'] as const;

interface TargetState {
  snapshot?: PollSnapshot;
  lastOk?: { at: string; fields: Partial<NetworkDevice> };
  hygiene?: { at: number; accepted: boolean };
}

export function targetName(t: SnmpTarget): string {
  return t.name ?? `${t.address}:${t.port}`;
}

/**
 * Site poller: polls the network gear in `snmp.targets` over SNMP v2c/v3 and reports it as
 * `network_devices`. Inactive (returns at once) when no target is configured.
 */
export function createSnmpCollector(options: SnmpCollectorOptions = {}): Collector {
  const secrets = options.secrets ?? systemSecrets;
  const state = new Map<string, TargetState>();

  async function probeDefaults(open: SessionFactory, address: string, port: number, timeoutMs: number): Promise<boolean> {
    const tries: ResolvedCredential[] = [
      ...DEFAULT_COMMUNITIES.map((community) => ({ version: 'v2c' as const, community })),
      { version: 'v1', community: 'public' },
    ];
    const answers = await Promise.all(
      tries.map(async (credential) => {
        const session = open({ address, port, timeoutMs, retries: 0, credential });
        try {
          await session.get([OID.sysObjectID]);
          return true;
        } catch {
          return false;
        } finally {
          session.close();
        }
      }),
    );
    return answers.some(Boolean);
  }

  async function pollOne(ctx: CollectContext, open: SessionFactory, cfg: SnmpConfig, t: SnmpTarget): Promise<NetworkDevice> {
    const name = targetName(t);
    const key = `${name}|${t.address}|${t.port}`;
    const st = state.get(key) ?? {};
    state.set(key, st);
    const cred = cfg.credentials[t.credentials]!;
    const target: PollTarget = {
      name,
      address: t.address,
      port: t.port,
      ...(t.site ? { site: t.site } : {}),
      version: cred.version,
      securityLevel: cred.version === 'v3' ? cred.level : 'community',
    };
    const timeoutMs = t.timeout_ms ?? cfg.timeout_ms;
    const retries = t.retries ?? cfg.retries;
    const failed = (error: string): NetworkDevice => {
      const device: NetworkDevice = { ...baseDevice(target, ctx.clock.now()), error: error.slice(0, 500) };
      if (st.lastOk) Object.assign(device, st.lastOk.fields, { last_ok_at: st.lastOk.at });
      return device;
    };
    const remaining = ctx.deadline - Date.now() - 250;
    if (ctx.signal.aborted || remaining < Math.min(timeoutMs, 1000)) {
      return failed('not polled: the snmp collector ran out of time this cycle (raise collector_timeout_seconds or snmp.concurrency)');
    }
    let credential: ResolvedCredential;
    try {
      credential = resolveCredential(t.credentials, cred, secrets);
    } catch (error) {
      return failed((error as Error).message);
    }
    const budgetMs = Math.min(cfg.target_budget_ms, remaining);
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const session = open({ address: t.address, port: t.port, timeoutMs, retries, credential });
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new SnmpError(`poll did not finish within ${budgetMs} ms (snmp.target_budget_ms)`, 'timeout'));
      }, budgetMs);
    });
    const communityInUse = credential.version !== 'v3' ? credential.community : undefined;
    const wantHygiene = cfg.check_default_communities && (!st.hygiene || Date.now() - st.hygiene.at > HYGIENE_EVERY_MS);
    const hygiene = wantHygiene
      ? communityInUse && (DEFAULT_COMMUNITIES as readonly string[]).includes(communityInUse)
        ? Promise.resolve(true)
        : probeDefaults(open, t.address, t.port, Math.min(timeoutMs, 1000))
      : Promise.resolve(undefined);
    try {
      const { device, snapshot } = await Promise.race([
        pollDevice(session, target, st.snapshot, { maxRepetitions: cfg.max_repetitions, now: () => ctx.clock.now(), signal: controller.signal }),
        budget,
      ]);
      st.snapshot = snapshot;
      const accepted = await hygiene;
      if (accepted !== undefined) st.hygiene = { at: Date.now(), accepted };
      if (!cfg.check_default_communities) device.default_community_accepted = unknown('not checked (snmp.check_default_communities is false)');
      else if (st.hygiene) device.default_community_accepted = st.hygiene.accepted;
      device.community_enabled =
        credential.version !== 'v3' || st.hygiene?.accepted
          ? true
          : unknown('polled over v3; no default community answered, other communities cannot be ruled out');
      st.lastOk = {
        at: device.polled_at,
        fields: Object.fromEntries(CARRIED.filter((k) => device[k] !== undefined).map((k) => [k, device[k]])) as Partial<NetworkDevice>,
      };
      return device;
    } catch (error) {
      await hygiene.catch(() => undefined);
      return failed(describeSnmpError(error, { address: t.address, port: t.port, timeoutMs, retries, credential }).message);
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      session.close();
    }
  }

  return {
    name: 'snmp',
    kind: 'samples',
    intervalSeconds: 300,
    async collect(ctx): Promise<CollectorOutput> {
      const cfg = ctx.config.snmp;
      if (!cfg || cfg.targets.length === 0) return {};
      // net-snmp is loaded here, on the first poll, so endpoints without SNMP targets never carry it.
      const open = options.sessionFactory ?? (await import('./net-snmp-session.js')).netSnmpSession;
      const limit = pLimit(cfg.concurrency);
      // One abort listener per target in flight.
      setMaxListeners(Math.max(10, cfg.concurrency + 10), ctx.signal);
      const devices = await Promise.all(cfg.targets.map((t) => limit(() => pollOne(ctx, open, cfg, t))));
      const failed = devices.filter((d) => d.error);
      for (const d of devices) {
        ctx.log.debug('snmp poll', { target: d.target, address: d.address, ms: d.poll_ms, ...(d.error ? { error: d.error } : {}) });
      }
      const output: CollectorOutput = { network_devices: devices };
      if (failed.length > 0) {
        output.problem = `${failed.length} of ${devices.length} SNMP targets failed: ${failed.map((d) => `${d.target}: ${d.error}`).join('; ')}`.slice(0, 1000);
      }
      return output;
    },
  };
}
