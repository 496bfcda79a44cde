import type { EditionGroup } from './catalogue.js';
import type { LifecycleKeyResult } from './keys.js';

/**
 * Windows releases by build number. The build, not the free-text product name, says which release a
 * device runs; a build outside these tables is not a release the collector knows (an Insider build,
 * a typo, or a release newer than the table: then `not yet in the catalogue`).
 * Sources: learn.microsoft.com/windows/release-health (Windows 10 and 11 release information),
 * learn.microsoft.com/windows-server/get-started/windows-server-release-info.
 */
export const CLIENT_FEATURE_BUILDS: Record<'windows-10' | 'windows-11', Record<string, number>> = {
  'windows-10': {
    '1507': 10240, '1511': 10586, '1607': 14393, '1703': 15063, '1709': 16299, '1803': 17134, '1809': 17763,
    '1903': 18362, '1909': 18363, '2004': 19041, '20H2': 19042, '21H1': 19043, '21H2': 19044, '22H2': 19045,
  },
  'windows-11': { '21H2': 22000, '22H2': 22621, '23H2': 22631, '24H2': 26100, '25H2': 26200, '26H1': 28000, '26H2': 26300 },
};
/** Long-term servicing releases are named by year; the IoT ones share the builds. */
export const CLIENT_LTSC_BUILDS: Record<'windows-10' | 'windows-11', Record<string, number>> = {
  'windows-10': { '2015': 10240, '2016': 14393, '2019': 17763, '2021': 19044 },
  'windows-11': { '2024': 26100 },
};
/**
 * Releases before Windows 10 have one lifecycle for every edition (catalogue version `*`). The rank
 * orders them for "older than every catalogued release": the release build, or for the 9x line
 * (no NT build) a number below Windows 2000's.
 */
export const OLD_CLIENTS: Record<string, { product: string; rank: number; builds: number[] }> = {
  '95': { product: 'windows-95', rank: 950, builds: [] },
  '98': { product: 'windows-98', rank: 1998, builds: [] },
  me: { product: 'windows-me', rank: 2000, builds: [] },
  'nt 4.0': { product: 'windows-nt-4.0', rank: 1381, builds: [1381] },
  '2000': { product: 'windows-2000', rank: 2195, builds: [2195] },
  xp: { product: 'windows-xp', rank: 2600, builds: [2600, 3790] },
  vista: { product: 'windows-vista', rank: 6002, builds: [6000, 6001, 6002, 6003] },
  '7': { product: 'windows-7', rank: 7601, builds: [7600, 7601] },
  '8': { product: 'windows-8', rank: 9200, builds: [9200] },
  '8.1': { product: 'windows-8.1', rank: 9600, builds: [9600] },
};
/** Windows Server long-term releases (by year) and the builds each ships as. */
export const SERVER_YEAR_BUILDS: Record<string, number[]> = {
  '2000': [2195], '2003': [3790], '2003 R2': [3790], '2008': [6001, 6002, 6003], '2008 R2': [7600, 7601], '2012': [9200],
  '2012 R2': [9600], '2016': [14393], '2019': [17763], '2022': [20348], '2025': [26100],
};
/** Windows Server semi-annual and annual channel releases (no year in the product name). */
export const SERVER_CHANNEL_BUILDS: Record<string, number> = {
  '1709': 16299, '1803': 17134, '1809': 17763, '1903': 18362, '1909': 18363, '2004': 19041, '20H2': 19042, '23H2': 25398,
};

const HOME_PRO = ['home', 'home n', 'home single language', 'home china', 'home in s mode', 's', 'pro', 'pro n', 'professional', 'pro education', 'pro education n', 'pro for workstations', 'pro n for workstations', 'pro single language', 'pro in s mode'];
const ENTERPRISE_EDUCATION = ['enterprise', 'enterprise n', 'enterprise g', 'enterprise evaluation', 'enterprise multi-session', 'enterprise for virtual desktops', 'education', 'education n', 'iot enterprise'];
const LTSC_PHRASE = /^(iot )?enterprise(?: n)?(?: (\d{4}))? lts[bc](?: (\d{4}))?(?: evaluation)?$/;
/** Registry EditionID values, used when the product name carries no edition. */
const EDITION_IDS: Record<string, EditionGroup> = Object.fromEntries([
  ...['core', 'coren', 'coresinglelanguage', 'corecountryspecific', 'professional', 'professionaln', 'professionaleducation', 'professionaleducationn', 'professionalworkstation', 'professionalworkstationn', 'pro', 'home'].map((id) => [id, 'home-pro']),
  ...['enterprise', 'enterprisen', 'enterpriseg', 'education', 'educationn', 'iotenterprise', 'serverrdsh'].map((id) => [id, 'enterprise-education']),
  ['enterprises', 'ltsc'], ['enterprisesn', 'ltsc'], ['iotenterprises', 'iot-ltsc'],
]);
/** Edition words of releases before Windows 10 (one lifecycle for all, so only checked to be edition words). */
const OLD_EDITION_WORDS = new Set(['home', 'basic', 'premium', 'professional', 'pro', 'business', 'enterprise', 'ultimate', 'starter', 'edition', 'media', 'center', 'tablet', 'pc', 'x64', 'n', 'kn', 'with', 'single', 'language', 'workstation']);
const SERVER_EDITION = /^(standard|datacenter|enterprise|essentials|web|foundation|storage)(?: x64)?(?: edition| evaluation|: azure edition)?$/;

/** Trademark marks, commas and the vendor's name are noise in product names ("Microsoft(R) Windows(R) Server 2003, Standard Edition"). */
export function normaliseName(name: string): string {
  return name.replace(/\((?:R|TM)\)|[®™]/gi, '').replace(/,/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/^microsoft /, '');
}

const parseBuild = (build: string | undefined): number | 'malformed' | undefined => {
  if (build === undefined) return undefined;
  const match = /^(\d{1,6})(?:\.\d{1,6})?$/.exec(build);
  return match ? Number(match[1]) : 'malformed';
};

const releaseOf = (table: Record<string, number>, build: number) => Object.entries(table).find(([, b]) => b === build)?.[0];

/** Pure: the lifecycle key of a Windows device from its product name, DisplayVersion, build and EditionID. */
export function windowsKey(rawName: string, version: string | undefined, rawBuild: string | undefined, edition: string | undefined): LifecycleKeyResult {
  const name = normaliseName(rawName);
  const build = parseBuild(rawBuild);
  if (build === 'malformed') return { unknown: `Windows build "${rawBuild}" is not a build number` };
  const server = /^windows server(?: (\d{4})(?: (r2))?)?(?: version (\w+))?(?: (.+))?$/.exec(name) ?? /^windows (2000) (?:advanced |datacenter )?server()()()$/.exec(name);
  if (server) return serverKey(rawName, server, version, build);
  const client = /^windows(?: (xp|vista|7|8|8\.1|10|11|2000|nt 4\.0|me|98|95))?(?: (.+))?$/.exec(name);
  if (!client) return { unknown: `"${rawName}" is not a Windows release name the collector recognises` };
  const [, major, phrase] = client;
  const old = major ? OLD_CLIENTS[major] : undefined;
  if (old) {
    if (phrase && !phrase.split(' ').every((word) => OLD_EDITION_WORDS.has(word))) return { unknown: `"${rawName}" is not a Windows release name the collector recognises` };
    if (build !== undefined && old.builds.length > 0 && !old.builds.includes(build)) return { unknown: `"${rawName}" reports build ${build}, which is not a build of that release` };
    return { product: old.product, version: '*', edition: 'any', family: 'windows', rank: old.rank };
  }
  return modernClientKey(rawName, major as '10' | '11' | undefined, phrase, version, build, edition);
}

function modernClientKey(rawName: string, major: '10' | '11' | undefined, phrase: string | undefined, version: string | undefined, build: number | undefined, edition: string | undefined): LifecycleKeyResult {
  const ltscPhrase = phrase ? LTSC_PHRASE.exec(phrase) : null;
  let group: EditionGroup | undefined;
  if (ltscPhrase) group = ltscPhrase[1] ? 'iot-ltsc' : 'ltsc';
  else if (phrase) group = HOME_PRO.includes(phrase) ? 'home-pro' : ENTERPRISE_EDUCATION.includes(phrase) ? 'enterprise-education' : undefined;
  else if (edition) group = EDITION_IDS[edition.toLowerCase()];
  // The EditionID names the SKU: an Enterprise whose SKU is EnterpriseS is the long-term servicing channel.
  const sku = edition ? EDITION_IDS[edition.toLowerCase()] : undefined;
  if ((sku === 'ltsc' && phrase === 'enterprise') || (sku === 'iot-ltsc' && phrase === 'iot enterprise')) group = sku;
  if (!group) return { unknown: phrase ? `edition "${phrase}" of "${rawName}" is not one the collector recognises` : `Windows edition not reported or not recognised ("${edition ?? ''}")` };

  // The build decides between 10 and 11 (a Windows 11 registry still names itself "Windows 10").
  const product = build !== undefined ? (build >= 22000 ? 'windows-11' : build >= 10240 ? 'windows-10' : undefined) : major ? (`windows-${major}` as const) : undefined;
  if (!product) return { unknown: build !== undefined ? `build ${build} is not a Windows 10 or 11 build` : 'Windows build not reported' };
  if (major === '11' && product === 'windows-10') return { unknown: `"${rawName}" reports build ${build}, which is a Windows 10 build` };
  const lts = group === 'ltsc' || group === 'iot-ltsc';
  const table = (lts ? CLIENT_LTSC_BUILDS : CLIENT_FEATURE_BUILDS)[product];
  const named = lts ? (ltscPhrase?.[2] ?? ltscPhrase?.[3]) : undefined;
  const key = (release: string, rank: number): LifecycleKeyResult => ({ product, version: release, edition: group, family: 'windows', rank });

  if (build === undefined) {
    const release = named ?? (version && !lts && table[version.toUpperCase()] ? version.toUpperCase() : undefined);
    return release && table[release] ? key(release, table[release]) : { unknown: `Windows release not recognised without a build number ("${rawName}", version "${version ?? ''}")` };
  }
  // A build the table does not know keeps its number: the catalogue then says unknown, "not (yet) in
  // the end-of-life catalogue", and the IT-ops view counts it as a gap.
  const release = releaseOf(table, build);
  const reported = version?.toUpperCase();
  if (!release && reported && table[reported]) return { unknown: `"${rawName}" reports version ${version} but build ${build} is not a build of it` };
  if (!release) return key(`build ${build}`, build);
  if (named && named !== release) return { unknown: `"${rawName}" names LTSC ${named} but build ${build} is LTSC ${release}` };
  if (!lts && version && /^(\d{4}|\d{2}h\d)$/i.test(version) && version.toUpperCase() !== release && !(version === '2009' && build >= 19042)) {
    return { unknown: `"${rawName}" reports version ${version} but build ${build} is version ${release}` };
  }
  return key(release, build);
}

function serverKey(rawName: string, match: RegExpExecArray, version: string | undefined, build: number | undefined): LifecycleKeyResult {
  const [, year, r2, channel, phrase] = match;
  if (phrase && !SERVER_EDITION.test(phrase)) return { unknown: `edition "${phrase}" of "${rawName}" is not one the collector recognises` };
  const key = (release: string, rank: number): LifecycleKeyResult => ({ product: 'windows-server', version: release, edition: 'any', family: 'windows-server', rank });
  if (year) {
    const release = r2 ? `${year} R2` : year;
    const builds = SERVER_YEAR_BUILDS[release];
    if (!builds) return { unknown: `"${rawName}" is not a Windows Server release the collector recognises` };
    if (build !== undefined && !builds.includes(build)) return { unknown: `"${rawName}" reports build ${build}, which is not a build of Windows Server ${release}` };
    return key(release, builds[builds.length - 1]!);
  }
  // No year in the name: a semi-annual or annual channel release, told by its build.
  const named = channel?.toUpperCase() ?? (version && SERVER_CHANNEL_BUILDS[version.toUpperCase()] ? version.toUpperCase() : undefined);
  if (build === undefined) return named && SERVER_CHANNEL_BUILDS[named] ? key(named, SERVER_CHANNEL_BUILDS[named]) : { unknown: `Windows Server release not recognised from "${rawName}" without a build number` };
  const release = releaseOf(SERVER_CHANNEL_BUILDS, build) ?? Object.entries(SERVER_YEAR_BUILDS).find(([, builds]) => builds.includes(build))?.[0];
  if (!release) return key(`build ${build}`, build);
  if (named && named !== release) return { unknown: `"${rawName}" names version ${named} but build ${build} is ${release}` };
  return key(release, SERVER_CHANNEL_BUILDS[release] ?? build);
}

/** The order of a catalogued Windows release (its build), for "older than every release" and "newer than the newest". */
export function windowsRank(product: string, version: string): number | undefined {
  if (product === 'windows-server') return SERVER_CHANNEL_BUILDS[version] ?? SERVER_YEAR_BUILDS[version]?.at(-1);
  if (product === 'windows-10' || product === 'windows-11') return CLIENT_FEATURE_BUILDS[product][version] ?? CLIENT_LTSC_BUILDS[product][version];
  return Object.values(OLD_CLIENTS).find((old) => old.product === product && version === '*')?.rank;
}
