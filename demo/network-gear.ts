import { existsSync, readFileSync } from 'node:fs';
import { parseCatalogue, type Catalogue } from '../collector/lifecycle/catalogue.js';
import { LINUX_SERVER, MODELS } from './catalogue.js';
import type { FleetOptions, SimulatedDevice, SitePlan } from './fleet.js';
import { ACCESS, ACCESS_POINTS, CORE, FIREWALLS, WIRELESS_CONTROLLERS, type GearModel } from './network-catalogue.js';
import { Random, sha256Hex } from './random.js';

/** How the poller reaches a box: the posture CYB-NET-MGMT judges. */
export interface SnmpPosture {
  version: 'v2c' | 'v3';
  level: 'community' | 'authNoPriv' | 'authPriv';
  /** Whether public/private answered; undefined when the poller was told not to check. */
  defaultAccepted: boolean | undefined;
}

export interface PlannedPort {
  index: number;
  name: string;
  speedMbps: number;
  type: number;
  alias: string;
  up: boolean;
  /** Mean utilisation, 0…1. */
  load: number;
  /** Mean errors + discards as a percentage of packets: ≥ 0.1 fails INF-NET-ERR. */
  errorPct: number;
}

export interface SimulatedGear {
  target: string;
  address: string;
  room: string;
  model: GearModel;
  firmware: string;
  serial: string;
  manufactured: string;
  uptimeDays: number;
  snmp: SnmpPosture;
  ports: PlannedPort[];
  /** The last N daily polls time out (the box is down or unreachable). */
  unreachableDays: number;
}

/** A site's server running the agent with `snmp.targets`, and the gear it polls. */
export interface SitePoller {
  site: SitePlan;
  device: SimulatedDevice;
  gear: SimulatedGear[];
}

/**
 * Network gear per site, deterministic from the seed. Better-run sites (higher `modernity`) get
 * current firmware trains, SNMP v3 authPriv and clean links more often; poorly run ones keep
 * legacy access switches, firmware past end of support, v2c with a default community and links
 * with errors. Firmware trains come from the shipped end-of-life catalogue as of `now`, so a train
 * is "current" or "past end of life" by the same dates the scores use.
 */
export function planSitePollers(sites: SitePlan[], options: FleetOptions): SitePoller[] {
  const trains = trainsAsOf(shippedCatalogue(), options.now);
  return sites.map((site, siteIndex) => {
    const random = new Random(options.seed ^ parseInt(sha256Hex(`network:${site.siteId}`).slice(0, 8), 16));
    const q = site.modernity;
    const endpoints = Math.ceil(Math.max(0, options.devices - siteIndex) / sites.length);
    const house = random.int(0, CORE.length - 1);
    const models: GearModel[] = [CORE[house]!, random.weighted(FIREWALLS.map((m, i) => [m, i === 0 ? 3 : 1] as const)), random.weighted(WIRELESS_CONTROLLERS.map((m) => [m, 1] as const))];
    const legacy = ACCESS.filter((m) => m.legacy);
    for (let i = 0, n = Math.min(24, Math.max(2, Math.round(endpoints / 25))); i < n; i++) {
      models.push(random.chance((1 - q) * 0.5) ? legacy[random.int(0, legacy.length - 1)]! : ACCESS[house]!);
    }
    models.push(...ACCESS_POINTS);
    const counts = new Map<string, number>();
    const gear = models.map((model, n): SimulatedGear => {
      const nth = (counts.get(model.role) ?? 0) + 1;
      counts.set(model.role, nth);
      const train = pickTrain(random, model, trains, 0.25 + 0.7 * q);
      const v3 = random.chance(0.2 + 0.7 * q);
      const level = v3 ? (random.chance(0.08) ? 'authNoPriv' : 'authPriv') : 'community';
      const defaultAccepted = v3
        ? random.chance(0.15) ? undefined : random.chance(0.15 * (1 - q))
        : random.chance(0.3 + 0.4 * (1 - q));
      const bad = 0.03 + 0.12 * (1 - q);
      return {
        target: `${site.siteId}-${model.role}${nth}`,
        address: `10.${siteIndex + 10}.${model.role === 'ap' ? 20 : 0}.${n + 2}`,
        room: model.role === 'ap' ? `Outpatients block, floor ${nth}` : nth % 2 ? 'Main comms room' : 'Ward block comms cupboard',
        model,
        firmware: model.firmware(train, random.int(1, 9)),
        serial: `${model.vendor.slice(0, 2).toUpperCase()}${sha256Hex(`${options.seed}:${site.siteId}:${n}`).slice(0, 9).toUpperCase()}`,
        manufactured: `${model.released + random.int(0, 3)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
        uptimeDays: random.int(options.days + 1, 420),
        snmp: { version: v3 ? 'v3' : 'v2c', level, defaultAccepted },
        ports: model.ports.map(([name, speedMbps, type, alias], i) => ({
          index: i + 1, name, speedMbps, type, alias,
          up: i === 0 || random.chance(0.9),
          load: Math.min(0.95, Math.abs(random.normal(0.15 + 0.2 * (1 - q), 0.12))),
          errorPct: random.chance(bad) ? 0.15 + random.next() * 1.5 : random.next() * 0.02,
        })),
        unreachableDays: (model.role === 'access' || model.role === 'ap') && random.chance(0.03 + 0.12 * (1 - q)) ? random.int(1, 2) : 0,
      };
    });
    return { site, device: pollerDevice(site, siteIndex, random, options), gear };
  });
}

/** The site server itself is an endpoint like any other (a Linux server running the agent). */
function pollerDevice(site: SitePlan, siteIndex: number, random: Random, options: FleetOptions): SimulatedDevice {
  const servers = MODELS.filter((m) => m.chassis === 'server');
  const q = site.modernity;
  const os = random.weighted(LINUX_SERVER.map(([spec, w]) => [spec, w * Math.exp(q * (spec.released - 2020) * 0.5)] as const));
  return {
    index: options.devices + siteIndex,
    site,
    fingerprint: sha256Hex(`site-server:${options.seed}:${site.siteId}`),
    hostname: sha256Hex(`${site.siteId.toUpperCase()}-SNMP01`),
    platform: 'linux',
    model: servers[random.int(0, servers.length - 1)]!,
    os,
    silentForDays: 0,
  };
}

type Trains = Map<string, { current: string[]; past: string[] }>;

function trainsAsOf(catalogue: Catalogue, now: Date): Trains {
  const today = now.toISOString().slice(0, 10);
  const trains: Trains = new Map();
  for (const entry of catalogue.entries) {
    const product = trains.get(entry.product) ?? { current: [], past: [] };
    (entry.end_of_support >= today ? product.current : product.past).push(entry.version);
    trains.set(entry.product, product);
  }
  return trains;
}

/** A current train with probability `pCurrent`, else one past end of support (whichever exists). */
function pickTrain(random: Random, model: GearModel, trains: Trains, pCurrent: number): string {
  const product = model.product ? trains.get(model.product) : undefined;
  if (!product) return '';
  const { current, past } = product;
  const pool = (random.chance(pCurrent) && current.length > 0) || past.length === 0 ? current : past;
  return pool[random.int(0, pool.length - 1)]!;
}

/**
 * The shipped end-of-life catalogue: in collector/lifecycle/ when run from source, and copied
 * beside the bundle by scripts/build.mjs when run as dist/sf-demo.mjs.
 */
function shippedCatalogue(): Catalogue {
  const places = [new URL('../collector/lifecycle/catalogue.yaml', import.meta.url), new URL('./catalogue.yaml', import.meta.url)];
  const file = places.find((url) => existsSync(url));
  if (!file) throw new Error(`end-of-life catalogue not found (looked at ${places.map((u) => u.pathname).join(', ')})`);
  return parseCatalogue(readFileSync(file, 'utf8'), file.pathname);
}

const pad = (n: number) => String(n).padStart(2, '0');
