import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startProgram, stopProgram, waitFor } from '../../demo/processes.js';
import { adminTokenPath } from '../../collector/service.js';

const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat times are in these ticks

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  adminToken: string;
  /** The child's user + system CPU seconds so far (every thread, the embedded engine's too); NaN off Linux. */
  cpuSeconds(): number;
  /** SIGTERM: the collector stops accepting, commits what it acknowledged, closes the store. */
  stop(): Promise<void>;
  /** The collector's own log lines (stderr), for a failure message. */
  log: string[];
}

/**
 * Starts `sf-collector serve` as a child process from source on a free loopback port (the
 * collector binds 127.0.0.1:0 and logs the URL it got), and waits until /readyz answers.
 */
export async function startCollectorProcess(dataDir: string, extraArgs: string[]): Promise<CollectorProcess> {
  // The fleet enrols from one loopback address, faster than the per-address limit a real site needs.
  const child = startProgram('collector', ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--enrol-rate-limit', '0', ...extraArgs]);
  const log: string[] = [];
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`collector exited early (code ${code}, signal ${signal}):\n${log.slice(-20).join('\n')}`))),
  );
  exited.catch(() => {});
  const listening = new Promise<string>((resolve) => {
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      log.push(line);
      if (log.length > 200) log.shift();
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'collector listening' && entry.url) resolve(entry.url);
      } catch {
        // not a JSON log line
      }
    });
  });
  child.stdout?.resume();
  const stopChild = () => stopProgram(child);
  try {
    const url = await Promise.race([listening, exited, timeout(60_000, 'the collector to listen')]);
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`collector listens on ${url}, not on loopback`);
    await waitFor('the collector to be ready', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 60_000);
    const adminToken = readFileSync(adminTokenPath(dataDir), 'utf8').trim();
    return { child, url, adminToken, cpuSeconds: () => procCpuSeconds(child.pid), stop: stopChild, log };
  } catch (error) {
    await stopChild();
    throw error;
  }
}

export function procCpuSeconds(pid: number | undefined): number {
  if (pid === undefined || process.platform !== 'linux') return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", state is index 0, so utime (field 14) is index 11 and stime index 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms).unref());
}
