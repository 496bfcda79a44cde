import { systemInformation } from '../../host/systeminformation.js';
import type { CollectContext } from '../types.js';
import type { RawHardware } from './raw.js';
import { readLinuxVirtSignals } from './virt-read.js';

/** Asks systeminformation for everything the mapper needs; no network traffic. */
export async function readHardwareFromSystem(ctx: CollectContext): Promise<RawHardware> {
  const si = await systemInformation();
  // Sequential on purpose: several of these shell out (dmidecode, lsblk) and the agent
  // should stay light on a busy endpoint.
  const system = await si.system();
  const bios = await si.bios();
  const chassis = await si.chassis();
  const cpu = await si.cpu();
  const mem = await si.mem();
  const memLayout = await si.memLayout().catch(() => []);
  const disks = await si.diskLayout().catch(() => []);
  const blockDevices = await si.blockDevices().catch(() => []);
  const battery = await si.battery();
  const virt = ctx.platform === 'linux' ? await readLinuxVirtSignals(ctx) : undefined;
  return {
    platform: process.platform,
    ...(virt ? { virt } : {}),
    system,
    bios,
    chassis,
    cpu: { manufacturer: cpu.manufacturer, brand: cpu.brand, cores: cpu.cores, physicalCores: cpu.physicalCores },
    mem: { total: mem.total },
    memLayout: memLayout.map((m) => ({ size: m.size })),
    disks: disks.map((d) => ({ device: d.device, type: d.type, name: d.name, size: d.size, interfaceType: d.interfaceType })),
    blockDevices: blockDevices.map((b) => ({
      name: b.name,
      type: b.type,
      mount: b.mount,
      size: b.size,
      physical: b.physical,
      model: b.model,
      device: b.device,
    })),
    battery,
  };
}
