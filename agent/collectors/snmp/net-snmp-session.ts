import { isIPv6 } from 'node:net';
import snmp, { type RawVarbind, type Session } from 'net-snmp';
import { type SessionFactory, type SessionOptions, describeSnmpError } from './session.js';
import type { SnmpValue, Varbind } from './values.js';

// Loaded only through loadNetSnmpSession() (snmp/index.ts): an agent with no SNMP targets, i.e. every
// endpoint that is not a site poller, never evaluates net-snmp and its dependencies.

function toVarbind(raw: RawVarbind): Varbind {
  const value = raw.value;
  let v: SnmpValue;
  if (Buffer.isBuffer(value)) v = value;
  else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') v = value;
  else v = null;
  return { oid: raw.oid.replace(/^\./, ''), type: raw.type, value: v };
}

/**
 * The bare net-snmp session for a target and credential, with the options the poller uses (also what
 * bench/snmp's ceiling sends its requests through, so the two cannot differ in how they talk).
 */
export function openNetSnmpSession(options: Pick<SessionOptions, 'address' | 'port' | 'retries' | 'timeoutMs' | 'credential'>): Session {
  const base = {
    port: options.port,
    retries: options.retries,
    timeout: options.timeoutMs,
    transport: isIPv6(options.address) ? ('udp6' as const) : ('udp4' as const),
    backwardsGetNexts: false,
    idBitsSize: 32 as const,
  };
  const c = options.credential;
  const session =
    c.version === 'v3'
      ? snmp.createV3Session(
          options.address,
          {
            name: c.user,
            level: snmp.SecurityLevel[c.level],
            ...(c.level !== 'noAuthNoPriv' && c.authProtocol ? { authProtocol: snmp.AuthProtocols[c.authProtocol], authKey: c.authKey ?? '' } : {}),
            ...(c.level === 'authPriv' && c.privProtocol ? { privProtocol: snmp.PrivProtocols[c.privProtocol], privKey: c.privKey ?? '' } : {}),
          },
          base,
        )
      : snmp.createSession(options.address, c.community, { ...base, version: c.version === 'v1' ? snmp.Version1 : snmp.Version2c });
  // Socket errors (e.g. ICMP port unreachable on some platforms) surface through callbacks; never crash the agent.
  session.on('error', () => {});
  return session;
}

/** net-snmp behind the SnmpSession interface. */
export const netSnmpSession: SessionFactory = (options) => {
  const session = openNetSnmpSession(options);
  const call = <R>(fn: (cb: (error: Error | null, varbinds?: R) => void) => void): Promise<R> =>
    new Promise((resolve, reject) => {
      try {
        fn((error, varbinds) => (error ? reject(describeSnmpError(error, options)) : resolve(varbinds as R)));
      } catch (error) {
        reject(describeSnmpError(error, options));
      }
    });
  return {
    get: async (oids) => (await call<RawVarbind[]>((cb) => session.get([...oids], cb))).map(toVarbind),
    getBulk: async (oids, maxRepetitions) => {
      const columns = await call<Array<RawVarbind[] | RawVarbind>>((cb) => session.getBulk([...oids], 0, maxRepetitions, cb as never));
      return columns.map((col) => (Array.isArray(col) ? col : [col]).filter((vb) => vb && typeof vb.oid === 'string').map(toVarbind));
    },
    close: () => {
      try {
        session.close();
      } catch {
        // already closed
      }
    },
  };
};
