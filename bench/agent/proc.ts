/** The benchmark's processes: CPU and memory from /proc (Linux), and stopping them. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const CLK_TCK = 100; // Linux USER_HZ; /proc times are in these ticks

// ---------- /proc readers ----------

export interface ProcCpu {
  /** Agent process user+system seconds. */
  self: number;
  /** Waited-for children (ping, probes) user+system seconds. */
  children: number;
}

export function procCpu(pid: number): ProcCpu {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": field 3 (state) is index 0, so utime (14) is index 11.
  const n = (i: number): number => Number(fields[i]) / CLK_TCK;
  return { self: n(11) + n(12), children: n(13) + n(14) };
}

export function procMemKb(pid: number): { rssKb: number; hwmKb: number; anonKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), anonKb: kb('RssAnon') };
}

/** Direct children of a process (/proc/<pid>/task/<pid>/children; its main thread forks them). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The inventory workers among a process's children (`sf-agent … inventory-worker`), by their command line. */
export function inventoryWorkers(pid: number): number[] {
  return childPids(pid).filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').includes('inventory-worker');
    } catch {
      return false;
    }
  });
}

export const cpuMs = (a: ProcCpu, b: ProcCpu): { self: number; children: number; total: number } => {
  const self = (b.self - a.self) * 1000;
  const children = (b.children - a.children) * 1000;
  return { self, children, total: self + children };
};

export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
