import type { AdvisoryParse } from './dnf-parse.js';
import { rpmName } from './dnf-parse.js';
import { type LocalZone, isoInstant, parseYmdHms } from './local-time.js';
import type { PendingUpdate } from '../../../protocol/index.js';

/**
 * Pure parsers for dnf5's JSON output (Fedora 41+). dnf5 shortens table columns when its
 * output is not a terminal, so names and NEVRAs can come back cut; its JSON never does.
 *
 * `dnf5 advisory list --json` (dnf5 5.2.4+, doc/commands/advisory.8.rst): an array of
 *   { "name", "type", "severity", "nevra", "buildtime" }, or with --with-cve/--with-bz
 *   { "advisory_name", "advisory_type", "advisory_severity", "advisory_buildtime", "nevra", "references" }.
 *   buildtime was "YYYY-MM-DD HH:MM:SS" (local time) until dnf5 5.3 and is UNIX seconds since.
 * `dnf5 check-upgrade --json` (dnf5 5.4+, doc/commands/check-upgrade.8.rst): an object whose
 *   keys are sections ("upgrades", "Obsoleting packages") holding { name, arch, evr, repository }.
 */

const SEVERITIES: Record<string, PendingUpdate['severity']> = { critical: 'critical', important: 'important', moderate: 'moderate', low: 'low' };
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function buildtime(value: unknown, zone: LocalZone): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return isoInstant(new Date(value * 1000));
  const local = typeof value === 'string' ? parseYmdHms(value.trim()) : undefined;
  const at = local ? zone(local) : undefined;
  return at ? isoInstant(at) : undefined;
}

export function parseAdvisoryListJson(stdout: string, zone: LocalZone): AdvisoryParse {
  const root = parseJson(stdout.trim() === '' ? '[]' : stdout);
  if (!Array.isArray(root)) return { ok: false, reason: 'dnf5 advisory list --json did not give a JSON array' };
  const advisories = [];
  for (const entry of root) {
    if (!isObject(entry)) continue;
    const id = str(entry.name) ?? str(entry.advisory_name);
    const nevra = str(entry.nevra);
    if (!id || !nevra) continue;
    const type = (str(entry.type) ?? str(entry.advisory_type) ?? 'unspecified').toLowerCase();
    const severity = SEVERITIES[(str(entry.severity) ?? str(entry.advisory_severity) ?? '').toLowerCase()] ?? 'unspecified';
    const issued = buildtime(entry.buildtime ?? entry.advisory_buildtime, zone);
    advisories.push({ id: id.slice(0, 128), type, severity, pkg: rpmName(nevra) ?? nevra, ...(issued ? { issued } : {}) });
  }
  if (root.length > 0 && advisories.length === 0) return { ok: false, reason: 'dnf5 advisory list --json has no advisory entries' };
  return { ok: true, advisories };
}

/** Package names with an upgrade available; undefined when the text is not check-upgrade's JSON. */
export function parseCheckUpgradeJson(stdout: string): string[] | undefined {
  if (stdout.trim() === '') return [];
  const root = parseJson(stdout);
  if (!isObject(root)) return undefined;
  const names = new Set<string>();
  // Every section counts: an obsoleting package replaces another and is pending like an upgrade.
  for (const packages of Object.values(root)) {
    if (!Array.isArray(packages)) return undefined;
    for (const pkg of packages) {
      const name = isObject(pkg) ? str(pkg.name) : undefined;
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** `dnf5 repoquery --upgrades --queryformat '%{name}\n'`: one name per line (dnf5 before 5.4). */
export function parseRepoqueryNames(stdout: string): string[] | undefined {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.some((l) => !/^[\w.+-]+$/.test(l))) return undefined;
  return [...new Set(lines)];
}
