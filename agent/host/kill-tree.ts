import { spawn } from 'node:child_process';

/**
 * Ends a process and everything it started, on Windows. There a signal is TerminateProcess of
 * that one process: children (a PowerShell's own commands, a worker's PowerShells) would be
 * orphaned and run on. `taskkill /T /F` walks the tree. POSIX callers use process groups instead.
 * `onFailure` runs when the tree could not be killed this way, so the caller kills what it can.
 */
export function killTreeOnWindows(pid: number, onFailure: () => void): void {
  const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
  killer.once('error', onFailure);
  killer.once('exit', (code) => {
    // 128: the process had already gone; anything else non-zero: fall back.
    if (code !== 0 && code !== 128) onFailure();
  });
}
