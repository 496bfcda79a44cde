// The macOS pieces cannot run here (pkgbuild, productbuild, codesign and launchctl exist only on macOS):
// their syntax is checked, the Jamf profile's payloads are read as a property list, and the build
// script is seen to refuse a non-Mac builder with a clear message rather than half-build.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/packages.js';

interface Payload {
  PayloadType: string;
  PayloadIdentifier: string;
  Rules?: Array<{ RuleType: string; RuleValue: string }>;
  [key: string]: unknown;
}

/** A property list as JSON, parsed by Python's plistlib (python3 is a test dependency). */
function plist(file: string): Record<string, unknown> {
  const result = run('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', file]);
  if (result.status !== 0) throw new Error(`${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('macOS package sources', () => {
  it('build-pkg.sh and the pkg postinstall are valid bash; build-pkg.sh refuses to run off a Mac', () => {
    for (const script of ['deploy/macos/build-pkg.sh', 'deploy/macos/scripts/postinstall']) {
      expect(run('bash', ['-n', script])).toMatchObject({ status: 0, stderr: '' });
    }
    expect(run('bash', ['deploy/macos/build-pkg.sh'])).toMatchObject({ status: 1, stderr: 'build-pkg.sh: needs macOS (pkgbuild, productbuild, codesign)\n' });
  });

  it('the Jamf profile carries the settings domain and the managed login item for the LaunchDaemon, and no privacy grant', () => {
    const daemon = plist('deploy/macos/uk.nhs.smartfoundations.agent.plist');
    const profile = plist('deploy/macos/sf-agent.mobileconfig') as { PayloadType: string; PayloadScope: string; PayloadContent: Payload[] };
    expect([profile.PayloadType, profile.PayloadScope]).toEqual(['Configuration', 'System']);
    const [settings, managed, ...others] = profile.PayloadContent;
    expect(others).toEqual([]);
    expect(settings?.PayloadType).toBe(daemon.Label);
    expect(Object.keys(settings ?? {})).toEqual(expect.arrayContaining(['collector_url', 'enroll_secret', 'latency_targets', 'collector_proxy', 'collector_ca_pem']));
    expect(managed?.PayloadType).toBe('com.apple.servicemanagement');
    expect(managed?.Rules).toEqual([expect.objectContaining({ RuleType: 'Label', RuleValue: daemon.Label })]);
    expect(profile.PayloadContent.map((p) => p.PayloadType)).not.toContain('com.apple.TCC.configuration-profile-policy');
  });

  it('node.entitlements is a property list with the hardened-runtime exceptions V8 needs', () => {
    expect(plist('deploy/macos/node.entitlements')).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
      'com.apple.security.cs.disable-library-validation': true,
    });
  });
});
