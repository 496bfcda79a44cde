// The release manifest (dist/packages/manifest.json): every artefact with its size, SHA-256, SBOM
// and signature status, and SHA256SUMS beside it for `sha256sum -c`. check-manifest.mjs reads it.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function sha256File(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** One manifest entry; `signature` is null for formats that carry no Authenticode signature. */
export function artefactEntry(dir, file, { kind, platform, arch, sbom, signature = null, ...details }) {
  const full = path.join(dir, file);
  return { file, kind, platform, arch, bytes: statSync(full).size, sha256: sha256File(full), sbom, signature, ...details };
}

export function writeManifest(dir, { version, nodeVersion, signing, artefacts }) {
  const manifest = {
    name: 'sf-agent',
    version,
    node_version: nodeVersion,
    built_at: new Date().toISOString(),
    // release-certificate | test-certificate (CI and trials only) | none (nothing in it is Authenticode-signed)
    signing,
    artefacts,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const sums = [...artefacts.map((a) => [a.sha256, a.file]), ...artefacts.map((a) => [sha256File(path.join(dir, a.sbom)), a.sbom])];
  writeFileSync(path.join(dir, 'SHA256SUMS'), sums.map(([sum, file]) => `${sum}  ${file}\n`).join(''));
  return manifest;
}
