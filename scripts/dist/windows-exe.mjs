// The agent as a Windows single executable, built on Linux: the official node.exe from the npm
// registry (node-win-<arch>), its Node signature removed, its version resource saying what it now is,
// the project's SEA blob (dist/sea/sf-agent.blob, the same JavaScript as the Linux executable)
// injected as postject would, then Authenticode-signed (scripts/dist/sign.mjs).
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as ResEdit from 'resedit';
import { officialNodeFile } from './official-node.mjs';
import { removeSignature, sign } from './sign.mjs';

export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const EN_US_UNICODE = { lang: 1033, codepage: 1200 };

/** Version resource fields of the agent executable (what Explorer, Intune and AppLocker show). */
export function agentVersionStrings(version) {
  return {
    CompanyName: 'Smart Foundations',
    ProductName: 'Smart Foundations telemetry agent',
    FileDescription: 'Smart Foundations telemetry agent',
    FileVersion: version,
    ProductVersion: version,
    OriginalFilename: 'sf-agent.exe',
    InternalName: 'sf-agent',
    LegalCopyright: 'Apache-2.0; includes Node.js (MIT)',
  };
}

const RT_RCDATA = 10;

/**
 * The agent's version resource and the SEA blob as the RCDATA resource NODE_SEA_BLOB (what postject
 * writes, and what Node's single-executable start-up looks up), in one pass of resedit over the PE:
 * postject's LIEF rewrite of a 70 MB PE took minutes here. Then the SEA fuse is flipped, as postject does.
 */
function injectAgent(file, version, blob) {
  const exe = ResEdit.NtExecutable.from(readFileSync(file), { ignoreCert: true });
  const resources = ResEdit.NtExecutableResource.from(exe);
  const [info] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
  if (!info) throw new Error(`${file} has no version resource`);
  const [major, minor, patch] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  info.setFileVersion(major, minor, patch, 0, EN_US_UNICODE.lang);
  info.setProductVersion(major, minor, patch, 0, EN_US_UNICODE.lang);
  info.setStringValues(EN_US_UNICODE, agentVersionStrings(version));
  info.outputToResourceEntries(resources.entries);
  resources.entries.push({ type: RT_RCDATA, id: 'NODE_SEA_BLOB', lang: 0, codepage: 0, bin: blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) });
  resources.outputResource(exe);
  const binary = Buffer.from(exe.generate());
  const fuse = Buffer.from(`${SEA_FUSE}:0`);
  const at = binary.indexOf(fuse);
  if (at < 0 || binary.indexOf(fuse, at + 1) >= 0) throw new Error(`${file}: expected one unflipped SEA fuse`);
  binary[at + fuse.length - 1] = '1'.charCodeAt(0);
  writeFileSync(file, binary);
}

/** Builds `out` (sf-agent.exe for `arch`); returns the Node version it carries. */
export function buildWindowsExe({ arch, blobFile, version, out, identity }) {
  const nodeVersion = process.versions.node; // a SEA blob runs only on the Node version that made it
  const nodeExe = officialNodeFile(`node-win-${arch}`, nodeVersion, 'bin/node.exe');
  rmSync(out, { force: true });
  removeSignature(nodeExe, out);
  injectAgent(out, version, readFileSync(blobFile));
  sign(out, identity, 'Smart Foundations telemetry agent');
  return nodeVersion;
}

/** The Windows service wrapper: WinSW, as shipped in the node-windows package (MIT), renamed beside the agent. */
export function copyServiceWrapper(dir, identity) {
  const winsw = officialNodeFile('node-windows', '0.1.14', 'bin/winsw/winsw.exe');
  copyFileSync(winsw, `${dir}/sf-agent-service.exe`);
  copyFileSync(`${winsw}.config`, `${dir}/sf-agent-service.exe.config`);
  sign(`${dir}/sf-agent-service.exe`, identity, 'Smart Foundations telemetry agent service wrapper (WinSW 1.17)');
}
