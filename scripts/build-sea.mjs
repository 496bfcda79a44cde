// Builds the agent as a Linux single executable (Node SEA): dist/sf-agent-<platform>-<arch>.
// Node 20 SEA runs one CommonJS file, so the CLI is bundled again as CJS (dist/sea/sf-agent.cjs),
// turned into a blob by `node --experimental-sea-config sea-config.json`, and injected into a copy
// of this Node binary with postject. The result needs neither Node nor node_modules on the endpoint.
// Linux only. The Windows executables are built from the same blob by scripts/dist/windows-exe.mjs
// (npm run dist); macOS packages by deploy/macos/build-pkg.sh on a Mac.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { inject } from 'postject';

const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (process.platform !== 'linux') {
  console.error(`build-sea: builds the Linux executable only (this is ${process.platform}); ship dist/sf-agent.mjs with Node elsewhere.`);
  process.exit(1);
}
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  console.error('build-sea: Node 20 or newer is required');
  process.exit(1);
}

const seaConfig = JSON.parse(readFileSync('sea-config.json', 'utf8'));
const out = `dist/sf-agent-${process.platform}-${process.arch}`;
mkdirSync('dist/sea', { recursive: true });

const bundle = await build({
  entryPoints: ['agent/cli.ts'],
  outfile: seaConfig.main,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // As dist/sf-agent.mjs (scripts/build.mjs): no comments left, so the source stays one byte per character in V8.
  minifyWhitespace: true,
  // Which npm packages are inside: scripts/dist/sbom.mjs lists exactly those in each artefact's SBOM.
  metafile: true,
});
writeFileSync('dist/sea/meta.json', JSON.stringify(bundle.metafile));

execFileSync(process.execPath, ['--experimental-sea-config', 'sea-config.json'], { stdio: 'inherit' });

copyFileSync(process.execPath, out);
chmodSync(out, 0o755);
await inject(out, 'NODE_SEA_BLOB', readFileSync(seaConfig.output), { sentinelFuse: FUSE });

// Smoke test: the executable answers without Node's module resolution or node_modules.
const version = execFileSync(out, ['version'], { encoding: 'utf8' }).trim();
console.log(`build-sea: ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB, node ${process.version}) reports version ${version}`);
