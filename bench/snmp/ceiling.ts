import type { RawVarbind, Session } from 'net-snmp';
import { openNetSnmpSession } from '../../agent/collectors/snmp/net-snmp-session.js';
import pLimit from 'p-limit';
import type { ResolvedCredential } from '../../agent/collectors/snmp/session.js';
import type { DevicePlan } from './plan.js';
import type { SnmpRequest } from './requests.js';

export interface CeilingTarget {
  address: string;
  port: number;
  credential: ResolvedCredential;
  plan: DevicePlan;
}

export interface CeilingOptions {
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

export interface CeilingRound {
  failed: number;
  /** The first few failures, for the summary. */
  errors: string[];
  varbindsReceived: number;
}

/**
 * The ceiling: every target's planned requests sent by the bare net-snmp library, nothing else —
 * no identification, no value conversion, no walk bookkeeping, no rates, no report. As the poller
 * does, one session per target per round (so v3 discovers the engine every round, as the poller
 * does), `concurrency` targets at a time, the system GET first and then the parts side by side.
 */
export async function ceilingRound(targets: readonly CeilingTarget[], options: CeilingOptions): Promise<CeilingRound> {
  const limit = pLimit(options.concurrency);
  const round: CeilingRound = { failed: 0, errors: [], varbindsReceived: 0 };
  await Promise.all(
    targets.map((target) =>
      limit(async () => {
        const session = openNetSnmpSession({ ...target, retries: options.retries, timeoutMs: options.timeoutMs });
        try {
          // Counted into a local and added once, after the last await: `x += await …` would lose other targets' counts.
          let received = await send(session, target.plan.first);
          const parts = await Promise.all(
            target.plan.parts.map(async (steps) => {
              let inPart = 0;
              for (const step of steps) for (const n of await Promise.all(step.map((r) => send(session, r)))) inPart += n;
              return inPart;
            }),
          );
          for (const n of parts) received += n;
          round.varbindsReceived += received;
        } catch (error) {
          round.failed++;
          if (round.errors.length < 3) round.errors.push(`${target.address}:${target.port}: ${(error as Error).message}`.slice(0, 200));
        } finally {
          session.close();
        }
      }),
    ),
  );
  return round;
}

/** Sends one request; resolves with the number of varbinds answered. */
function send(session: Session, request: SnmpRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    if (request.kind === 'get') {
      session.get([...request.oids], (error, varbinds?: RawVarbind[]) => (error ? reject(error) : resolve(varbinds?.length ?? 0)));
    } else {
      session.getBulk([...request.oids], 0, request.maxRepetitions, (error, columns) =>
        error ? reject(error) : resolve((columns ?? []).reduce((n, column) => n + (Array.isArray(column) ? column.length : 1), 0)),
      );
    }
  });
}
