import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import snmp from 'net-snmp';

/**
 * Real `snmpd` processes on loopback ports impersonating network gear: the system group from
 * snmpd.conf (sysdescr/sysobjectid/…), ENTITY-MIB and IF-MIB from a pass_persist script reading a
 * JSON file the test rewrites (counters between polls). Only ever binds 127.0.0.1.
 */

export const SNMPD = '/usr/sbin/snmpd';
const PASS_SCRIPT = fileURLToPath(new URL('./snmpd-pass.mjs', import.meta.url));

export interface VendorProfile {
  sysDescr: string;
  sysObjectID: string;
  sysName: string;
  sysLocation?: string;
  sysContact?: string;
  entity?: {
    descr?: string;
    model: string;
    serial: string;
    hardwareRev?: string;
    firmwareRev?: string;
    softwareRev?: string;
    mfgName?: string;
    /** [year, month, day] */
    mfgDate?: [number, number, number];
  };
  interfaces: Array<{ name: string; descr?: string; alias?: string; speedMbps: number; type?: number; up?: boolean }>;
  /** Extra OIDs (e.g. a vendor MIB) as [type, value]. */
  extra?: Record<string, [string, string]>;
}

export interface IfCounters {
  inOctets: bigint;
  outOctets: bigint;
  inUcast: bigint;
  outUcast: bigint;
  inErrors: number;
  outErrors: number;
  inDiscards: number;
  outDiscards: number;
}

export interface V3User {
  name: string;
  auth: 'SHA' | 'SHA-256' | 'SHA-512';
  authKey: string;
  priv: 'AES';
  privKey: string;
}

export const zeroCounters = (): IfCounters => ({ inOctets: 0n, outOctets: 0n, inUcast: 0n, outUcast: 0n, inErrors: 0, outErrors: 0, inDiscards: 0, outDiscards: 0 });

const M32 = (1n << 32n) - 1n;

/** The flat OID → [pass type, value] map the pass script serves. */
export function oidMap(profile: VendorProfile, counters: IfCounters[]): Record<string, [string, string]> {
  const m: Record<string, [string, string]> = {};
  const ent = '1.3.6.1.2.1.47.1.1.1.1';
  if (profile.entity) {
    const e = profile.entity;
    // 1 = chassis; 2 = a port inside it, so the poller must pick the chassis.
    m[`${ent}.2.1`] = ['string', e.descr ?? e.model];
    m[`${ent}.2.2`] = ['string', 'port 1'];
    m[`${ent}.4.1`] = ['integer', '0'];
    m[`${ent}.4.2`] = ['integer', '1'];
    m[`${ent}.5.1`] = ['integer', '3'];
    m[`${ent}.5.2`] = ['integer', '10'];
    m[`${ent}.7.1`] = ['string', 'Chassis'];
    m[`${ent}.8.1`] = ['string', e.hardwareRev ?? ''];
    m[`${ent}.9.1`] = ['string', e.firmwareRev ?? ''];
    m[`${ent}.10.1`] = ['string', e.softwareRev ?? ''];
    m[`${ent}.11.1`] = ['string', e.serial];
    m[`${ent}.11.2`] = ['string', ''];
    m[`${ent}.12.1`] = ['string', e.mfgName ?? ''];
    m[`${ent}.13.1`] = ['string', e.model];
    if (e.mfgDate) {
      const [y, mo, d] = e.mfgDate;
      const hex = [y >> 8, y & 0xff, mo, d, 0, 0, 0, 0].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      m[`${ent}.17.1`] = ['octet', hex];
    }
  }
  const ifE = '1.3.6.1.2.1.2.2.1';
  const ifX = '1.3.6.1.2.1.31.1.1.1';
  profile.interfaces.forEach((iface, n) => {
    const i = n + 1;
    const c = counters[n] ?? zeroCounters();
    const up = iface.up ?? true;
    m[`1.3.6.1.2.1.2.1.0`] = ['integer', String(profile.interfaces.length)];
    m[`${ifE}.1.${i}`] = ['integer', String(i)];
    m[`${ifE}.2.${i}`] = ['string', iface.descr ?? iface.name];
    m[`${ifE}.3.${i}`] = ['integer', String(iface.type ?? 6)];
    m[`${ifE}.5.${i}`] = ['gauge', String(Math.min(4294967295, iface.speedMbps * 1e6))];
    m[`${ifE}.7.${i}`] = ['integer', '1'];
    m[`${ifE}.8.${i}`] = ['integer', up ? '1' : '2'];
    m[`${ifE}.10.${i}`] = ['counter', String(c.inOctets & M32)];
    m[`${ifE}.11.${i}`] = ['counter', String(c.inUcast & M32)];
    m[`${ifE}.13.${i}`] = ['counter', String(c.inDiscards)];
    m[`${ifE}.14.${i}`] = ['counter', String(c.inErrors)];
    m[`${ifE}.16.${i}`] = ['counter', String(c.outOctets & M32)];
    m[`${ifE}.17.${i}`] = ['counter', String(c.outUcast & M32)];
    m[`${ifE}.19.${i}`] = ['counter', String(c.outDiscards)];
    m[`${ifE}.20.${i}`] = ['counter', String(c.outErrors)];
    m[`${ifX}.1.${i}`] = ['string', iface.name];
    m[`${ifX}.6.${i}`] = ['counter64', String(c.inOctets)];
    m[`${ifX}.7.${i}`] = ['counter64', String(c.inUcast)];
    m[`${ifX}.10.${i}`] = ['counter64', String(c.outOctets)];
    m[`${ifX}.11.${i}`] = ['counter64', String(c.outUcast)];
    m[`${ifX}.15.${i}`] = ['gauge', String(iface.speedMbps)];
    m[`${ifX}.18.${i}`] = ['string', iface.alias ?? ''];
  });
  for (const [oid, v] of Object.entries(profile.extra ?? {})) m[oid.replace(/^\./, '')] = v;
  return m;
}

export async function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export interface RunningSnmpd {
  ports: number[];
  /** Serves another recorded walk (the pass script re-reads the file on change). */
  setWalk(oids: Record<string, [string, string]>): void;
  /** Rewrites the served counters (the pass script re-reads the file on change). */
  setCounters(counters: IfCounters[]): void;
  /** Stops and starts snmpd on the same ports: sysUpTime restarts from 0, like a rebooted box. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

export interface SnmpdOptions {
  /** A vendor the agent impersonates (system group in snmpd.conf, the rest from the pass script). */
  profile?: VendorProfile;
  /**
   * Or a recorded walk (snmprecToOids): every OID, the system group included, from the pass script;
   * `setWalk` swaps it for another, so one snmpd serves many recordings in turn.
   */
  walk?: Record<string, [string, string]>;
  /** How many loopback ports this one process listens on (each one a "target"). */
  portCount?: number;
  communities?: string[];
  users?: V3User[];
  counters?: IfCounters[];
}

const quote = (s: string) => `"${s.replace(/"/g, '')}"`;

export async function startSnmpd(dir: string, options: SnmpdOptions): Promise<RunningSnmpd> {
  mkdirSync(join(dir, 'persist'), { recursive: true });
  const ports = await Promise.all(Array.from({ length: options.portCount ?? 1 }, () => freeUdpPort()));
  const dataFile = join(dir, 'data.json');
  const writeOids = (oids: Record<string, [string, string]>) => {
    const tmp = `${dataFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ oids }));
    renameSync(tmp, dataFile);
  };
  const writeData = (counters: IfCounters[]) => writeOids(options.walk ?? oidMap(options.profile!, counters));
  writeData(options.counters ?? []);
  const p = options.profile;
  const pass = (subtree: string) => `pass_persist -p 10 ${subtree} ${process.execPath} ${PASS_SCRIPT} ${dataFile}`;
  const conf = p ? profileConf(p, pass) : WALK_SUBTREES.map(pass);
  const lines = [
    ...(options.communities ?? []).map((c) => `rocommunity ${c} 127.0.0.1`),
    ...(options.users ?? []).flatMap((u) => [`createUser ${u.name} ${u.auth} ${quote(u.authKey)} ${u.priv} ${quote(u.privKey)}`, `rouser ${u.name} priv`]),
    ...conf,
    '',
  ].join('\n');
  const confFile = join(dir, 'snmpd.conf');
  writeFileSync(confFile, lines, { mode: 0o600 });
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    output = '';
    const proc = spawn(
      SNMPD,
      ['-f', '-Lo', '-C', '-c', confFile, '-p', join(dir, 'snmpd.pid'), '-I', p ? '-interfaces,ifTable,ifXTable' : `-${NATIVE_MODULES_OFF}`, ports.map((port) => `udp:127.0.0.1:${port}`).join(',')],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: join(dir, 'no-mibs') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    // Never leave an snmpd behind if the test process dies first.
    const reap = () => proc.kill('SIGKILL');
    process.once('exit', reap);
    proc.once('exit', () => process.removeListener('exit', reap));
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitReady(ports[0]!, options, proc, () => output);
  };
  await launch();

  const stopChild = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 3000).unref();
    });
  };

  return {
    ports,
    setWalk: writeOids,
    setCounters: writeData,
    restart: async () => {
      await stopChild();
      await launch();
    },
    stop: stopChild,
    log: () => output,
  };
}

function profileConf(p: VendorProfile, pass: (subtree: string) => string): string[] {
  return [
    `sysdescr ${p.sysDescr}`,
    `sysobjectid ${p.sysObjectID}`,
    `sysname ${p.sysName}`,
    `syslocation ${p.sysLocation ?? 'Comms room 1'}`,
    `syscontact ${p.sysContact ?? 'noc@example.nhs.uk'}`,
    // Priority 10 beats nothing we keep: the native IF-MIB modules are disabled below (-I).
    pass('.1.3.6.1.2.1.2'),
    pass('.1.3.6.1.2.1.31'),
    pass('.1.3.6.1.2.1.47'),
    ...Object.keys(p.extra ?? {}).map((oid) => pass(oid.replace(/\.0$/, ''))),
  ];
}

/** Subtrees a recorded walk is served under: system, IF-MIB, HOST-RESOURCES, ENTITY-MIB, vendors. */
const WALK_SUBTREES = ['.1.3.6.1.2.1.1', '.1.3.6.1.2.1.2', '.1.3.6.1.2.1.25', '.1.3.6.1.2.1.31', '.1.3.6.1.2.1.47', '.1.3.6.1.4.1'];
/** snmpd's own modules that would answer for the host instead of the recording. */
const NATIVE_MODULES_OFF = 'interfaces,ifTable,ifXTable,system_mib,hr_system,hr_device,hr_proc,hr_storage,hr_disk,hr_filesys,hr_swrun,hr_swinst,hr_network,hr_other,ucd_snmp,agent_mibs';

/**
 * snmpsim's .snmprec lines (`oid|type|value`, type after RFC 1902 tag numbers, an `x` suffix for
 * hex) as the pass script's OID → [type, value] map. Hex octet strings stay hex, so a sysDescr with
 * line breaks travels intact through pass_persist's line protocol.
 */
export function snmprecToOids(text: string): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  const hexPairs = (h: string) => (h.match(/../g) ?? []).join(' ');
  for (const line of text.split(/\r?\n/)) {
    const m = /^\.?([\d.]+)\|(\d+)(x?)\|(.*)$/.exec(line);
    if (!m) continue;
    const [, oid, tag, hex, value] = m as unknown as [string, string, string, string, string];
    const type = Number(tag);
    if (type === 4) out[oid] = hex ? ['octet', hexPairs(value)] : /^[\x20-\x7e]*$/.test(value) ? ['string', value] : ['octet', hexPairs(Buffer.from(value).toString('hex'))];
    else if (type === 2) out[oid] = ['integer', value];
    else if (type === 6) out[oid] = ['objectid', value.startsWith('.') ? value : `.${value}`];
    else if (type === 64) out[oid] = ['ipaddress', hex ? (value.match(/../g) ?? []).map((b) => parseInt(b, 16)).join('.') : value];
    else if (type === 65) out[oid] = ['counter', value];
    else if (type === 66) out[oid] = ['gauge', value];
    else if (type === 67) out[oid] = ['timeticks', value];
    else if (type === 70) out[oid] = ['counter64', value];
  }
  return out;
}

/** Ready when the agent answers a GET of sysDescr (v2c community or v3 user from its config). */
async function waitReady(port: number, options: SnmpdOptions, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  const community = options.communities?.[0];
  const user = options.users?.[0];
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`snmpd exited (${proc.exitCode}): ${log().slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const session = community
        ? snmp.createSession('127.0.0.1', community, { port, version: snmp.Version2c, timeout: 200, retries: 0 })
        : snmp.createV3Session(
            '127.0.0.1',
            {
              name: user!.name,
              level: snmp.SecurityLevel.authPriv,
              authProtocol: user!.auth === 'SHA' ? snmp.AuthProtocols.sha : user!.auth === 'SHA-512' ? snmp.AuthProtocols.sha512 : snmp.AuthProtocols.sha256,
              authKey: user!.authKey,
              privProtocol: snmp.PrivProtocols.aes,
              privKey: user!.privKey,
            },
            { port, timeout: 200, retries: 0 },
          );
      session.on('error', () => {});
      session.get(['1.3.6.1.2.1.2.2.1.2.1'], (error) => {
        session.close();
        resolve(!error);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`snmpd on 127.0.0.1:${port} not ready in 15 s: ${log().slice(-2000)}`);
}
