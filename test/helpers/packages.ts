// Builds the agent packages once for the packaging tests, with the real tools (wixl, osslsigncode,
// dpkg-deb, rpmbuild), into a temporary folder: `npm run dist`'s last step, on the dist/ that
// scripts/setup.sh --test made.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManifestArtefact {
  file: string;
  kind: 'exe' | 'msi' | 'deb' | 'rpm' | 'executable';
  platform: string;
  arch: string;
  bytes: number;
  sha256: string;
  sbom: string;
  signature: { signed: boolean; verified: boolean; signer: string | null; timestamped: boolean; test_certificate: boolean } | null;
  product_code?: string;
  upgrade_code?: string;
}

export interface Manifest {
  name: string;
  version: string;
  node_version: string;
  signing: string;
  artefacts: ManifestArtefact[];
}

export const AGENT_VERSION: string = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Runs scripts/dist/build.mjs into `out`; returns its manifest. */
export function buildPackages(out: string, args: string[] = []): Manifest {
  // The SEA build's esbuild metafile is new; an older dist/ lacks it (the executables themselves are kept).
  if (!existsSync('dist/sea/meta.json') || !existsSync('dist/sf-agent-linux-x64')) {
    execFileSync('node', ['scripts/build-sea.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync('node', ['scripts/dist/build.mjs', '--out', out, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
}

export function artefact(manifest: Manifest, kind: ManifestArtefact['kind'], arch = 'x64'): ManifestArtefact {
  const found = manifest.artefacts.find((a) => a.kind === kind && a.arch === arch);
  if (!found) throw new Error(`no ${kind} ${arch} in the manifest`);
  return found;
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** A command's exit status and both outputs, whatever the status (the tests assert on them). */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** As run(), without blocking this process: needed while a collector runs in it. */
export function runAsync(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}
