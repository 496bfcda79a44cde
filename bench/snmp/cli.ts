import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ResolvedCredential } from '../../agent/collectors/snmp/session.js';
import type { CeilingOptions, CeilingRound, CeilingTarget } from './ceiling.js';
import type { SnmpRequest } from './requests.js';

/** Debian's `snmp` package (Net-SNMP's command-line tools). */
export const SNMPGET = '/usr/bin/snmpget';
export const SNMPBULKGET = '/usr/bin/snmpbulkget';
export const cliToolsPresent = () => existsSync(SNMPGET) && existsSync(SNMPBULKGET);

const AUTH: Record<string, string> = { sha: 'SHA', sha224: 'SHA-224', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const PRIV: Record<string, string> = { aes: 'AES', aes256b: 'AES-256', aes256r: 'AES-256C' };

function credentialArgs(c: ResolvedCredential): string[] {
  if (c.version !== 'v3') return [c.version === 'v1' ? '-v1' : '-v2c', '-c', c.community];
  return [
    '-v3',
    '-l',
    c.level,
    '-u',
    c.user,
    ...(c.level !== 'noAuthNoPriv' && c.authProtocol ? ['-a', AUTH[c.authProtocol]!, '-A', c.authKey ?? ''] : []),
    ...(c.level === 'authPriv' && c.privProtocol ? ['-x', PRIV[c.privProtocol]!, '-X', c.privKey ?? ''] : []),
  ];
}

/**
 * A second reference beside the ceiling: the same planned requests sent by Net-SNMP's own tools,
 * one `snmpget` or `snmpbulkget -Cn0 -Cr<n>` process per request (so a v3 target discovers the
 * engine and localises its keys on every request, as a shell script polling with them would).
 * No MIBs loaded and no configuration read (`MIBS`, `MIBDIRS`, `SNMPCONFPATH` point at an empty
 * folder), numeric output; the varbinds answered are the output's lines.
 */
export async function cliRound(targets: readonly CeilingTarget[], options: CeilingOptions, scratch: string): Promise<CeilingRound> {
  const empty = join(scratch, 'cli-empty');
  mkdirSync(empty, { recursive: true });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', MIBS: '', MIBDIRS: empty, SNMPCONFPATH: empty, SNMP_PERSISTENT_DIR: join(scratch, 'cli-persist') };
  const common = ['-On', '-Oq', '-t', String(Math.max(1, Math.round(options.timeoutMs / 1000))), '-r', String(options.retries)];
  const limit = pLimit(options.concurrency);
  const round: CeilingRound = { failed: 0, errors: [], varbindsReceived: 0 };
  await Promise.all(
    targets.map((target) =>
      limit(async () => {
        const args = [...common, ...credentialArgs(target.credential)];
        const peer = `udp:${target.address}:${target.port}`;
        const send = (r: SnmpRequest) => run(r.kind === 'get' ? SNMPGET : SNMPBULKGET, [...args, ...(r.kind === 'getbulk' ? ['-Cn0', `-Cr${r.maxRepetitions}`] : []), peer, ...r.oids], env);
        try {
          let received = await send(target.plan.first);
          const parts = await Promise.all(
            target.plan.parts.map(async (steps) => {
              let inPart = 0;
              for (const step of steps) for (const n of await Promise.all(step.map(send))) inPart += n;
              return inPart;
            }),
          );
          for (const n of parts) received += n;
          round.varbindsReceived += received;
        } catch (error) {
          round.failed++;
          if (round.errors.length < 3) round.errors.push(`${peer}: ${(error as Error).message}`.slice(0, 200));
        }
      }),
    ),
  );
  return round;
}

/** Runs one tool; resolves with its output's line count (one varbind a line with -Oq), rejects on a non-zero exit. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 500) stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`${tool} exited ${code}: ${stderr.trim().slice(0, 150)}`))));
  });
}

/** CPU seconds of this process's waited-for children so far (cutime + cstime in /proc/self/stat). */
export function childrenCpuMs(): number {
  const afterName = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // Fields 16 and 17 of proc(5), counted from the state field (3), in clock ticks of 10 ms (USER_HZ 100).
  return (Number(afterName[13]) + Number(afterName[14])) * 10;
}
