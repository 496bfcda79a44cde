// The MSI: deploy/windows/sf-agent.wxs built with wixl (Debian's msitools) around the signed
// sf-agent.exe and the WinSW service wrapper, then Authenticode-signed itself.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sign } from './sign.mjs';
import { copyServiceWrapper } from './windows-exe.mjs';

// MSI public properties that must reach the elevated (server) side: wixl writes SecureCustomProperties
// itself (its upgrade properties) and has no Secure attribute, so they are added after the build.
const SECURE_PROPERTIES = ['WIX_UPGRADE_DETECTED', 'WIX_DOWNGRADE_DETECTED', 'COLLECTOR_URL', 'ENROLL_SECRET', 'CA_FILE', 'PROXY', 'PURGE'];

export function buildMsi({ version, agentExe, workDir, out, identity }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  copyFileSync(agentExe, path.join(workDir, 'sf-agent.exe'));
  copyServiceWrapper(workDir, identity);
  copyFileSync('deploy/windows/sf-agent-service.xml', path.join(workDir, 'sf-agent-service.xml'));
  // wixl resolves File/@Source against the working directory.
  execFileSync('wixl', ['-a', 'x64', '-D', `Version=${version}`, '-D', 'SourceDir=.', '-o', 'sf-agent.msi', path.resolve('deploy/windows/sf-agent.wxs')],
    { cwd: workDir, stdio: ['ignore', 'inherit', 'inherit'] });
  const msi = path.join(workDir, 'sf-agent.msi');
  execFileSync('msibuild', [msi, '-q', `UPDATE Property SET Value = '${SECURE_PROPERTIES.join(';')}' WHERE Property = 'SecureCustomProperties'`]);
  sign(msi, identity, 'Smart Foundations telemetry agent');
  copyFileSync(msi, out);
  return { productCode: msiProperty(out, 'ProductCode'), upgradeCode: msiProperty(out, 'UpgradeCode') };
}

/** One row of the MSI's Property table (the product code is new in every build: SCCM and Intune ask for it). */
export function msiProperty(msi, name) {
  const rows = execFileSync('msiinfo', ['export', msi, 'Property'], { encoding: 'utf8' }).split('\r\n').map((l) => l.split('\t'));
  const value = rows.find((r) => r[0] === name)?.[1];
  if (!value) throw new Error(`${msi} has no ${name} property`);
  return value;
}
