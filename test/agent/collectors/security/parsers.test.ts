import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClamVersion, parseMdatpHealth, parseSigtoolInfo } from '../../../../agent/collectors/security/antimalware.linux.js';
import { chooseWindowsAntimalware, decodeProductState } from '../../../../agent/collectors/security/antimalware.win32.js';
import { bitLockerVolumeFacts, mapBitLocker, parseManageBdeStatus } from '../../../../agent/collectors/security/bitlocker.win32.js';
import { mapLinuxTpm, parseMokutilSbState, parseSecureBootEfivar } from '../../../../agent/collectors/security/boot.linux.js';
import { mapRootEncryption, parseFindmntRoot, parseLsblkPairs } from '../../../../agent/collectors/security/disk.linux.js';
import { parseFirewalldState, parseIptablesRules, parseNftRuleset, parseUfwStatus } from '../../../../agent/collectors/security/firewall.linux.js';
import { parseFdesetupStatus, parsePfInfo, parseSocketFilterState } from '../../../../agent/collectors/security/parsers.darwin.js';
import { mapWindowsSecurity, parseWindowsSecurityOutput, tpmFamily } from '../../../../agent/collectors/security/security.win32.js';
import { parsePowerShellJson, powerShellArgs } from '../../../../agent/host/powershell.js';
import { z } from 'zod';
import { fixtureCases, fixtureJson, fixtureText } from '../../../helpers/agent.js';
import { bitLockerVolumeFromFormatList, printedPowerShellError, tpmStatusFromFormatList } from './powershell-format-list.js';

const isUnknown = (v: unknown): boolean => typeof v === 'object' && v !== null && 'unknown' in v;

describe('Security Center productState decoding', () => {
  it.each([
    [397568, 'on', true, true], // 0x061100 Defender on, current
    [393472, 'off', true, true], // 0x060100 Defender off (passive)
    [266240, 'on', false, true], // 0x041000 third party on, current
    [266256, 'on', false, false], // 0x041010 third party on, out of date
    [262144, 'off', false, true], // 0x040000 third party off
    [270336, 'snoozed', false, true], // 0x042000
  ] as const)('%i → %s', (state, expected, windows, current) => {
    expect(decodeProductState(state)).toEqual({ state: expected, ownedByWindows: windows, signaturesUpToDate: current });
  });

  it('without Defender or Security Center says why', () => {
    const result = chooseWindowsAntimalware({ unknown: 'Get-MpComputerStatus failed: x' }, { unknown: 'Security Center query failed: Invalid namespace' });
    expect(result).toEqual({ unknown: 'no anti-malware product found (Defender: Get-MpComputerStatus failed: x; Security Center: Security Center query failed: Invalid namespace)' });
  });
});

describe('manage-bde -status (localised)', () => {
  it('German, fully encrypted and protected', () => {
    const facts = parseManageBdeStatus(fixtureText('security', 'windows-10-de-manage-bde', 'manage-bde.txt'));
    expect(facts).toEqual({ percentEncrypted: 100, method: 'XTS-AES 128', protectionOn: true });
  });
  it('English, suspended protection', () => {
    const facts = parseManageBdeStatus(fixtureText('security', 'windows-10-en-manage-bde-suspended', 'manage-bde.txt'));
    expect(mapBitLocker(facts as never)).toEqual({ enabled: false, method: 'BitLocker XTS-AES 256 (protection suspended)' });
  });
  it('German, fully decrypted (Home edition without BitLocker)', () => {
    const text = [
      'Volume "C:" []',
      '    Konvertierungsstatus:         Vollständig entschlüsselt',
      '    Verschlüsselt (Prozent):      0,0 %',
      '    Verschlüsselungsmethode:      Kein',
      '    Schutzstatus:                 Der Schutz ist deaktiviert.',
    ].join('\r\n');
    expect(mapBitLocker(parseManageBdeStatus(text) as never)).toEqual({ enabled: false, method: 'none' });
  });
  it('French, encryption in progress', () => {
    const text = [
      '    État de la conversion :    Chiffrement en cours',
      '    Pourcentage chiffré :      47,3 %',
      '    Méthode de chiffrement :   XTS-AES 128',
      '    État de la protection :    Protection désactivée',
    ].join('\r\n');
    expect(mapBitLocker(parseManageBdeStatus(text) as never)).toEqual({ enabled: false, method: 'BitLocker XTS-AES 128 (encryption in progress)' });
  });
  it('access denied, empty and garbage become unknown', () => {
    expect(parseManageBdeStatus('ERROR: An attempt to access a required resource was denied.')).toEqual({
      unknown: 'manage-bde output not understood: ERROR: An attempt to access a required resource was denied.',
    });
    expect(parseManageBdeStatus('')).toEqual({ unknown: 'manage-bde printed nothing' });
    expect(isUnknown(parseManageBdeStatus('\u0000\u0001 ###'))).toBe(true);
  });
});

describe('BitLocker on genuine Windows output (test/fixtures/agent/bitlocker)', () => {
  for (const name of fixtureCases('bitlocker')) {
    it(name, () => {
      const expected = fixtureJson<{ facts?: unknown; volume?: unknown; disk_encryption: unknown }>('bitlocker', name, 'expected.json');
      if (name.startsWith('manage-bde-')) {
        const facts = parseManageBdeStatus(fixtureText('bitlocker', name, 'manage-bde.txt'));
        expect(facts).toEqual(expected.facts);
        expect('unknown' in facts ? facts : mapBitLocker(facts)).toEqual(expected.disk_encryption);
      } else {
        const volume = bitLockerVolumeFromFormatList(fixtureText('bitlocker', name, 'get-bitlockervolume.txt'));
        expect(volume).toEqual(expected.volume);
        expect(mapBitLocker(bitLockerVolumeFacts(volume))).toEqual(expected.disk_encryption);
      }
    });
  }
});

// A tpm case holds either the printed TPM object (get-tpm.txt) or Get-Tpm's printed error (error.txt).
const tpmErrorCase = (name: string): boolean => existsSync(new URL(`../../../fixtures/agent/tpm/${name}/error.txt`, import.meta.url));

describe('Get-Tpm errors (genuine, test/fixtures/agent/tpm)', () => {
  for (const name of fixtureCases('tpm').filter(tpmErrorCase)) {
    it(name, () => {
      const expected = fixtureJson<{ probe: unknown; tpm: unknown }>('tpm', name, 'expected.json');
      const probe = { ok: false, ...printedPowerShellError(fixtureText('tpm', name, 'error.txt')) };
      expect(probe).toEqual(expected.probe);
      expect(mapWindowsSecurity({ schema: 1, tpm: probe }).tpm).toEqual(expected.tpm);
    });
  }
});

describe('Get-Tpm on genuine Windows output (test/fixtures/agent/tpm)', () => {
  for (const name of fixtureCases('tpm').filter((name) => !tpmErrorCase(name))) {
    it(name, () => {
      const expected = fixtureJson<{ status: unknown; tpm: unknown }>('tpm', name, 'expected.json');
      const status = tpmStatusFromFormatList(fixtureText('tpm', name, 'get-tpm.txt'));
      expect(status).toEqual(expected.status);
      expect(mapWindowsSecurity({ schema: 1, tpm: { ok: true, value: status } }).tpm).toEqual(expected.tpm);
    });
  }
});

describe('Confirm-SecureBootUEFI errors (genuine, test/fixtures/agent/secure-boot)', () => {
  for (const name of fixtureCases('secure-boot')) {
    it(name, () => {
      const expected = fixtureJson<{ probe: unknown; secure_boot: unknown }>('secure-boot', name, 'expected.json');
      const probe = { ok: false, ...printedPowerShellError(fixtureText('secure-boot', name, 'error.txt')) };
      expect(probe).toEqual(expected.probe);
      expect(mapWindowsSecurity({ schema: 1, secureBoot: probe }).secure_boot).toEqual(expected.secure_boot);
    });
  }
  it('the NTSTATUS decides, not the (localised) message; access denied stays unknown', () => {
    const secureBoot = (error: string, errorType = 'Microsoft.SecureBoot.Commands.StatusException') =>
      mapWindowsSecurity({ schema: 1, secureBoot: { ok: false, error, errorType } }).secure_boot;
    // Hand-written: the same errors with the message in German (the code is never translated).
    expect(secureBoot('Die Variable ist derzeit nicht definiert: 0xC0000100')).toBe(false);
    expect(secureBoot('Das Cmdlet wird auf dieser Plattform nicht unterstützt: 0xC0000002')).toBe(false);
    expect(secureBoot('Zugriff verweigert', 'System.UnauthorizedAccessException')).toMatchObject({ unknown: expect.stringContaining('Zugriff verweigert') });
  });
});

describe('Windows document', () => {
  it('rejects documents of another schema version and says so', () => {
    expect(parseWindowsSecurityOutput('{"schema":2}').tpm).toEqual({ unknown: 'PowerShell JSON has an unexpected shape at "schema": Invalid input: expected 1' });
  });
  it('Win32_Tpm SpecVersion → family', () => {
    expect(tpmFamily('2.0, 0, 1.38')).toBe('2.0');
    expect(tpmFamily('1.2, 2, 3')).toBe('1.2');
    expect(tpmFamily('')).toBeUndefined();
    expect(tpmFamily(null)).toBeUndefined();
  });
  it('PowerShell helper tolerates a BOM and leading warnings, and encodes UTF-16LE', () => {
    expect(parsePowerShellJson('\uFEFFWARNING: x\r\n{"a":1}', z.object({ a: z.number() }))).toEqual({ ok: true, value: { a: 1 } });
    const encoded = powerShellArgs('Write-Output "ä"').at(-1) as string;
    expect(Buffer.from(encoded, 'base64').toString('utf16le')).toContain('Write-Output "ä"');
  });
});

describe('Linux parsers', () => {
  it('findmnt root: block device, btrfs subvolume, overlay, ZFS, empty', () => {
    expect(parseFindmntRoot('/dev/mapper/vg-root ext4\n')).toEqual({ source: '/dev/mapper/vg-root', fstype: 'ext4' });
    expect(parseFindmntRoot('/dev/nvme0n1p2[/@] btrfs')).toEqual({ source: '/dev/nvme0n1p2', fstype: 'btrfs' });
    expect(isUnknown(parseFindmntRoot('overlay overlay'))).toBe(true);
    expect(parseFindmntRoot('rpool/ROOT/ubuntu zfs')).toEqual({ unknown: 'root filesystem rpool/ROOT/ubuntu (zfs) is not on a local block device' });
    expect(parseFindmntRoot('')).toEqual({ unknown: 'findmnt printed nothing for /' });
  });
  it('lsblk pairs: plain dm-crypt without a LUKS header', () => {
    const devices = parseLsblkPairs('NAME="cryptroot" TYPE="crypt" FSTYPE="ext4"\nNAME="sda2" TYPE="part" FSTYPE=""\n');
    expect(mapRootEncryption(devices)).toEqual({ enabled: true, method: 'dm-crypt' });
    expect(parseLsblkPairs('garbage')).toBeUndefined();
  });
  it('ufw: active, inactive, localised or empty', () => {
    expect(parseUfwStatus('Status: active\n')).toBe(true);
    expect(parseUfwStatus('Status: inactive\n')).toBe(false);
    expect(isUnknown(parseUfwStatus(''))).toBe(true);
  });
  it('firewalld: running, not running, garbage', () => {
    expect(parseFirewalldState('running\n')).toBe(true);
    expect(parseFirewalldState('not running\n')).toBe(false);
    expect(isUnknown(parseFirewalldState('FirewallD is not running'))).toBe(true);
  });
  it('nftables: empty ruleset, Docker forward-only ruleset, Debian default accept', () => {
    expect(parseNftRuleset('')).toBe(false);
    const docker = 'table ip filter {\n\tchain DOCKER {\n\t}\n\tchain FORWARD {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tcounter jump DOCKER-USER\n\t}\n}\n';
    expect(parseNftRuleset(docker)).toBe(false);
    const debianDefault = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t}\n}\n';
    expect(parseNftRuleset(debianDefault)).toBe(false);
  });
  it('iptables: all ACCEPT without rules is off; Docker rules do not count', () => {
    expect(parseIptablesRules('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n')).toBe(false);
    expect(parseIptablesRules('-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-N DOCKER\n-A FORWARD -j DOCKER-USER\n')).toBe(false);
    expect(parseIptablesRules('# Warning: iptables-legacy tables present\n-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n')).toBe(true);
  });
  it('mokutil: enabled, disabled, legacy BIOS (old and new wording), shim validation off, garbage', () => {
    expect(parseMokutilSbState('SecureBoot enabled\n')).toBe(true);
    expect(parseMokutilSbState('SecureBoot disabled\nPlatform is in Setup Mode\n')).toBe(false);
    expect(parseMokutilSbState('EFI variables are not supported on this system\n')).toBe(false);
    expect(parseMokutilSbState("This system doesn't support Secure Boot\n")).toBe(false);
    expect(parseMokutilSbState('SecureBoot enabled\nSecureBoot validation is disabled in shim\n')).toBe(false);
    expect(isUnknown(parseMokutilSbState(''))).toBe(true);
  });
  it('efivar: attribute bytes then the value', () => {
    expect(parseSecureBootEfivar(Uint8Array.from([6, 0, 0, 0, 1]))).toBe(true);
    expect(parseSecureBootEfivar(Uint8Array.from([6, 0, 0, 0, 0]))).toBe(false);
    expect(parseSecureBootEfivar(Uint8Array.from([6, 0]))).toBeUndefined();
  });
  it('TPM from sysfs: 2.0, 1.2 from caps, absent, sysfs hidden', () => {
    expect(mapLinuxTpm({ classEntries: ['tpm'], tpmEntries: ['tpm0', 'tpmrm0'], versionMajor: '2\n' })).toEqual({ present: true, version: '2.0' });
    expect(mapLinuxTpm({ classEntries: ['tpm'], tpmEntries: ['tpm0'], caps: 'TCG version: 1.2\n' })).toEqual({ present: true, version: '1.2' });
    expect(mapLinuxTpm({ classEntries: ['net'] })).toEqual({ present: false });
    expect(isUnknown(mapLinuxTpm({}))).toBe(true);
  });
  it('ClamAV: version with database, without, garbage; sigtool build time with offset', () => {
    expect(parseClamVersion('ClamAV 0.103.11/27470/Mon Nov 18 14:42:00 2024')?.database).toBe('27470');
    expect(parseClamVersion('ClamAV 1.4.1')).toEqual({ engine: '1.4.1', database: undefined, databaseAt: undefined });
    expect(parseClamVersion('Segmentation fault')).toBeUndefined();
    expect(parseSigtoolInfo('Build time: 01 Feb 2025 08:05 +0100\nVersion: 27536\n')).toEqual({ database: '27536', databaseAt: '2025-02-01T07:05:00.000Z' });
    expect(parseSigtoolInfo('ERROR: Can\'t open file')).toBeUndefined();
  });
  it('mdatp: older plain booleans, newer managed objects, garbage', () => {
    expect(parseMdatpHealth('{"real_time_protection_enabled":false,"definitions_updated":"1731575400000"}')?.realtime_protection).toBe(false);
    expect(parseMdatpHealth('{"realTimeProtectionEnabled":{"value":true},"passiveModeEnabled":{"value":true}}')?.product).toBe('Microsoft Defender for Endpoint (passive mode)');
    expect(parseMdatpHealth('not json')).toBeUndefined();
  });
});

describe('macOS parsers', () => {
  it('fdesetup: on, off, pending restart, decrypting, empty', () => {
    expect(parseFdesetupStatus('FileVault is On.\n')).toEqual({ enabled: true, method: 'FileVault' });
    expect(parseFdesetupStatus("FileVault is Off.\nDeferred enablement appears to be active for user 'nhs'.\n")).toEqual({ enabled: false, method: 'none' });
    expect(parseFdesetupStatus('FileVault is Off, but will be enabled after the next restart.\n')).toEqual({ enabled: false, method: 'FileVault (enabled after next restart)' });
    expect(parseFdesetupStatus('FileVault is Off.\nDecryption in progress: Percent completed = 12\n')).toEqual({ enabled: false, method: 'FileVault (decryption in progress)' });
    expect(isUnknown(parseFdesetupStatus(''))).toBe(true);
  });
  it('socketfilterfw: state numbers and plain sentences', () => {
    expect(parseSocketFilterState('Firewall is enabled. (State = 1)')).toBe(true);
    expect(parseSocketFilterState('Firewall is blocking all non-essential incoming connections. (State = 2)')).toBe(true);
    expect(parseSocketFilterState('Firewall is disabled. (State = 0)')).toBe(false);
    expect(parseSocketFilterState('Firewall is enabled.')).toBe(true);
    expect(isUnknown(parseSocketFilterState('???'))).toBe(true);
  });
  it('pfctl -s info', () => {
    expect(parsePfInfo('Status: Enabled for 0 days 00:01:02 Debug: Urgent')).toBe(true);
    expect(parsePfInfo('Status: Disabled Debug: Urgent')).toBe(false);
    expect(isUnknown(parsePfInfo(''))).toBe(true);
  });
});
