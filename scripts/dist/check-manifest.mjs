// Checks a release folder against its manifest: every artefact present with its recorded size and
// SHA-256, a CycloneDX SBOM describing exactly that file, and, for the Windows executables and the
// MSI, an Authenticode signature that osslsigncode verifies now.
//   node scripts/dist/check-manifest.mjs [dir]             any build (a test certificate is accepted)
//   node scripts/dist/check-manifest.mjs --release [dir]   what may be published: refuses an unsigned or
//                                                          test-signed or untimestamped exe/MSI
// Exit 0 with "manifest: N artefacts ok", or 1 with one line per problem.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sha256File } from './manifest.mjs';
import { verifySignature } from './sign.mjs';

const SIGNED_KINDS = new Set(['exe', 'msi']);

export function checkManifest(dir, { release }) {
  const problems = [];
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return [`${manifestFile}: missing`];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (!Array.isArray(manifest.artefacts) || manifest.artefacts.length === 0) return ['manifest lists no artefacts'];
  if (release && manifest.artefacts.some((a) => SIGNED_KINDS.has(a.kind)) && manifest.signing !== 'release-certificate') problems.push(`signed with a ${manifest.signing}, not a release certificate`);
  const testCa = path.join(dir, 'test-codesign.pem');
  for (const a of manifest.artefacts) {
    const file = path.join(dir, a.file);
    if (!existsSync(file)) { problems.push(`${a.file}: missing`); continue; }
    if (statSync(file).size !== a.bytes) problems.push(`${a.file}: ${statSync(file).size} bytes, manifest says ${a.bytes}`);
    const sum = sha256File(file);
    if (sum !== a.sha256) problems.push(`${a.file}: sha256 ${sum}, manifest says ${a.sha256}`);
    const sbomFile = path.join(dir, a.sbom ?? '');
    if (!a.sbom || !existsSync(sbomFile)) problems.push(`${a.file}: no SBOM`);
    else {
      const sbom = JSON.parse(readFileSync(sbomFile, 'utf8'));
      const described = sbom.metadata?.component;
      if (sbom.bomFormat !== 'CycloneDX' || described?.name !== a.file || described?.hashes?.[0]?.content !== sum) {
        problems.push(`${a.file}: ${a.sbom} is not a CycloneDX SBOM of this file`);
      }
    }
    if (!SIGNED_KINDS.has(a.kind)) continue;
    // The file is verified again, whatever the manifest claims.
    const now = verifySignature(file, !release && existsSync(testCa) ? testCa : undefined);
    if (!now.signed) problems.push(`${a.file}: not signed`);
    else if (!now.verified) problems.push(`${a.file}: signature does not verify`);
    if (release && now.signed) {
      if (a.signature?.test_certificate !== false) problems.push(`${a.file}: signed with a test certificate`);
      if (!now.timestamped) problems.push(`${a.file}: signature has no timestamp (set SIGN_TIMESTAMP_URL)`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ options: { release: { type: 'boolean', default: false } }, allowPositionals: true });
  const dir = positionals[0] ?? 'dist/packages';
  const problems = checkManifest(dir, { release: values.release });
  if (problems.length > 0) {
    for (const p of problems) console.error(`manifest: REFUSED ${p}`);
    process.exit(1);
  }
  const count = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).artefacts.length;
  console.log(`manifest: ${count} artefacts ok${values.release ? ' for release' : ''} in ${dir}`);
}
