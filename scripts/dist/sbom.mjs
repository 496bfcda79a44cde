// A CycloneDX SBOM per artefact. @cyclonedx/cyclonedx-npm reads the project's production
// dependencies from npm; each artefact's SBOM keeps the packages whose files esbuild actually put
// into the agent bundle (dist/sea/meta.json, written by scripts/build-sea.mjs), so an MSI's SBOM
// does not list the collector's ClickHouse engine. The Node.js runtime inside the executables, and the
// service wrapper inside the MSI, are added as components of their own.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Production dependencies of the whole project, as cyclonedx-npm sees them (generated once per build). */
export function projectSbom(out) {
  execFileSync('npx', ['cyclonedx-npm', '--omit', 'dev', '--flatten-components', '--short-PURLs', '--output-reproducible',
    '--of', 'JSON', '--sv', '1.6', '--mc-type', 'application', '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** npm package names ("yaml", "@scope/name") with at least one file in the esbuild bundle. */
export function bundledPackages(metafile) {
  const names = new Set();
  for (const input of Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

const fullName = (component) => (component.group ? `${component.group}/${component.name}` : component.name);

/**
 * The SBOM of one artefact: `project` narrowed to `packages`, the artefact as the described component,
 * plus `extra` components (runtime, wrapper) shipped inside it.
 */
export function artefactSbom(project, { packages, artefact, version, sha256, extra = [] }) {
  const components = project.components.filter((c) => packages.has(fullName(c)));
  const refs = new Set(components.map((c) => c['bom-ref']));
  const mainRef = project.metadata.component['bom-ref'];
  const artefactRef = `artefact:${artefact}`;
  const dependencies = project.dependencies
    .filter((d) => refs.has(d.ref) || d.ref === mainRef)
    .map((d) => ({ ref: d.ref === mainRef ? artefactRef : d.ref, dependsOn: (d.dependsOn ?? []).filter((r) => refs.has(r)) }));
  const main = dependencies.find((d) => d.ref === artefactRef);
  if (main) main.dependsOn.push(...extra.map((e) => e['bom-ref']));
  return {
    ...project,
    serialNumber: undefined,
    metadata: {
      ...project.metadata,
      component: {
        type: 'application', 'bom-ref': artefactRef, name: artefact, version,
        description: 'Smart Foundations telemetry agent', hashes: [{ alg: 'SHA-256', content: sha256 }],
      },
    },
    components: [...components, ...extra],
    dependencies: [...dependencies, ...extra.map((e) => ({ ref: e['bom-ref'], dependsOn: [] }))],
  };
}

/** The Node.js runtime a single executable carries (from the npm package it was taken from, when one). */
export function nodeRuntimeComponent(nodeVersion, npmPackage) {
  return {
    type: 'platform', 'bom-ref': `runtime:node@${nodeVersion}${npmPackage ? `:${npmPackage}` : ''}`, name: 'node', version: nodeVersion,
    licenses: [{ license: { id: 'MIT' } }],
    purl: npmPackage ? `pkg:npm/${npmPackage}@${nodeVersion}` : `pkg:generic/nodejs@${nodeVersion}`,
    description: 'Node.js runtime inside the single executable',
  };
}

export const WINSW_COMPONENT = {
  type: 'application', 'bom-ref': 'wrapper:winsw@1.17.0', name: 'winsw', version: '1.17.0',
  licenses: [{ license: { id: 'MIT' } }], purl: 'pkg:npm/node-windows@0.1.14',
  description: 'Windows service wrapper (WinSW 1.17, from the node-windows package), installed as sf-agent-service.exe',
};

export function writeSbom(file, sbom) {
  writeFileSync(file, `${JSON.stringify(sbom, null, 2)}\n`);
}
