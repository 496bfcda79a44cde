import type { z } from 'zod';
import type { Chassis as ChassisSchema } from '../../../protocol/index.js';

type Chassis = z.infer<typeof ChassisSchema>;

// SMBIOS chassis type names (DMTF DSP0134 7.4.1) as systeminformation spells them.
const CHASSIS_BY_SMBIOS: Record<string, Chassis> = {
  desktop: 'desktop',
  'low profile desktop': 'desktop',
  'pizza box': 'desktop',
  'mini tower': 'desktop',
  tower: 'desktop',
  'space-saving': 'desktop',
  'lunch box': 'desktop',
  'sealed-case pc': 'desktop',
  'mini pc': 'desktop',
  'stick pc': 'desktop',
  'embedded pc': 'desktop',
  portable: 'laptop',
  laptop: 'laptop',
  notebook: 'laptop',
  'sub notebook': 'laptop',
  convertible: 'laptop',
  'hand held': 'tablet',
  tablet: 'tablet',
  detachable: 'tablet',
  'all in one': 'all-in-one',
  'main server chassis': 'server',
  'rack mount chassis': 'server',
  'multi-system chassis': 'server',
  blade: 'server',
  'blade enclosure': 'server',
  'compact pci': 'server',
  'advanced tca': 'server',
  'docking station': 'other',
  'expansion chassis': 'other',
  subchassis: 'other',
  'bus expansion chassis': 'other',
  'peripheral chassis': 'other',
  'storage chassis': 'other',
  'iot gateway': 'other',
};

/** Pure: SMBIOS chassis name → protocol chassis, or undefined when it says nothing useful. */
export function chassisFromSmbios(type: string | undefined): Chassis | undefined {
  if (!type) return undefined;
  return CHASSIS_BY_SMBIOS[type.trim().toLowerCase()];
}
