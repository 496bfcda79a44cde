import type { Varbind } from './values.js';

/** Credentials with their secrets resolved (never logged, never put in a report). */
export type ResolvedCredential =
  | { version: 'v1' | 'v2c'; community: string }
  | {
      version: 'v3';
      user: string;
      level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
      authProtocol?: 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
      authKey?: string;
      privProtocol?: 'aes' | 'aes256b' | 'aes256r';
      privKey?: string;
    };

export interface SessionOptions {
  address: string;
  port: number;
  timeoutMs: number;
  retries: number;
  credential: ResolvedCredential;
}

/** What the poller needs from an SNMP session; tests feed fakes, production wraps net-snmp. */
export interface SnmpSession {
  get(oids: readonly string[]): Promise<Varbind[]>;
  /** One GETBULK with no non-repeaters: per requested OID, the varbinds that followed it. */
  getBulk(oids: readonly string[], maxRepetitions: number): Promise<Varbind[][]>;
  close(): void;
}

export type SessionFactory = (options: SessionOptions) => SnmpSession;

/** Error from the SNMP layer with a clear, secret-free message. */
export class SnmpError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'auth' | 'unknown-user' | 'decrypt' | 'security-level' | 'refused' | 'network' | 'protocol',
  ) {
    super(message);
    this.name = 'SnmpError';
  }
}

/** Turns whatever net-snmp or the socket threw into a clear message; never copies error.info (it holds the user's keys). */
export function describeSnmpError(error: unknown, options: Pick<SessionOptions, 'address' | 'port' | 'timeoutMs' | 'retries' | 'credential'>): SnmpError {
  const e = error as { name?: string; message?: string; code?: string | number };
  const name = e?.name ?? '';
  const message = String(e?.message ?? error);
  const where = `${options.address}:${options.port}`;
  if (error instanceof SnmpError) return error;
  if (name === 'RequestTimedOutError') {
    const total = options.timeoutMs * (options.retries + 1);
    const why =
      options.credential.version === 'v3'
        ? 'SNMP not enabled, port closed, host down or filtered'
        : 'wrong community (SNMP ignores a wrong community silently), SNMP not enabled, port closed, host down or filtered';
    return new SnmpError(`timeout after ${total} ms (no answer from ${where}: ${why})`, 'timeout');
  }
  if (name === 'ResponseInvalidError') {
    const user = options.credential.version === 'v3' ? options.credential.user : '';
    if (/Wrong Digest|Authentication digest/i.test(message)) {
      return new SnmpError(`authentication failure (wrong v3 password for user "${user}" or wrong auth protocol; usmStatsWrongDigests)`, 'auth');
    }
    if (/Unknown User Name/i.test(message)) return new SnmpError(`unknown user "${user}" (usmStatsUnknownUserNames)`, 'unknown-user');
    if (/Decryption Error|Failed to decrypt/i.test(message)) {
      return new SnmpError(`decryption failure (wrong v3 privacy password or protocol for user "${user}"; usmStatsDecryptionErrors)`, 'decrypt');
    }
    if (/Unsupported Security Level/i.test(message)) {
      return new SnmpError(`security level not accepted for user "${user}" (usmStatsUnsupportedSecLevels)`, 'security-level');
    }
    if (/Not In Time Window|outside the time window/i.test(message)) return new SnmpError('v3 message outside the time window (engine clock or boots mismatch)', 'protocol');
    if (/Unknown Engine ID/i.test(message)) return new SnmpError('unknown engine id (usmStatsUnknownEngineIDs)', 'protocol');
    return new SnmpError(`invalid response from ${where}: ${message.slice(0, 200)}`, 'protocol');
  }
  if (name === 'RequestFailedError') return new SnmpError(`request refused by the agent: ${message.slice(0, 200)}`, 'refused');
  if (typeof e?.code === 'string') {
    const known: Record<string, string> = {
      ECONNREFUSED: 'connection refused (ICMP port unreachable: nothing listens on that UDP port)',
      EHOSTUNREACH: 'host unreachable',
      ENETUNREACH: 'network unreachable',
      ENOTFOUND: 'host name does not resolve',
      EAI_AGAIN: 'host name lookup failed (DNS not answering)',
    };
    return new SnmpError(`${known[e.code] ?? `network error ${e.code}`} (${where})`, 'network');
  }
  return new SnmpError(`SNMP error from ${where}: ${message.slice(0, 200)}`, 'protocol');
}
