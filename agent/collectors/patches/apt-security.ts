import type { SecurityRunTest } from './apt-history.js';

/**
 * Which apt upgrade runs applied security updates. apt's history does not record where a
 * package came from, so a run counts as a security update when either
 * - unattended-upgrades ran it (Commandline: /usr/bin/unattended-upgrade): its default
 *   configuration on Debian and Ubuntu installs only from the security origin
 *   (50unattended-upgrades: "${distro_id}:${distro_codename}-security" / label=Debian-Security);
 *   a site that widened Allowed-Origins still gets its security updates through it, or
 * - one of the versions it installed is the one the security pocket lists
 *   (/var/lib/apt/lists/*-security*_Packages), as apt itself would show in `apt-cache policy`.
 * Any other run (`apt install htop`, a point-release upgrade) does not reset "last update".
 */

/** A security pocket's Packages index by its file name in /var/lib/apt/lists. */
export function isSecurityIndex(fileName: string): boolean {
  return /security/i.test(fileName) && /_Packages(\.gz)?$/.test(fileName);
}

/** Pure: "Package:"/"Version:" pairs of a Packages index, kept only for the wanted names. */
export function securityVersions(indexes: readonly string[], wanted: ReadonlySet<string>): Map<string, Set<string>> {
  const versions = new Map<string, Set<string>>();
  for (const text of indexes) {
    let name: string | undefined;
    for (const line of text.split('\n')) {
      if (line.startsWith('Package: ')) name = line.slice(9).trim();
      else if (line.startsWith('Version: ') && name !== undefined && wanted.has(name)) {
        const set = versions.get(name) ?? new Set<string>();
        set.add(line.slice(9).trim());
        versions.set(name, set);
      } else if (line === '') name = undefined;
    }
  }
  return versions;
}

export function securityRunTest(versions: ReadonlyMap<string, ReadonlySet<string>>): SecurityRunTest {
  return ({ commandline, packages }) => /(^|\/)unattended-upgrade(\s|$)/.test(commandline) || packages.some((p) => versions.get(p.name)?.has(p.version) === true);
}
