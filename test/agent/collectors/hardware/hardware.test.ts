import { describe, expect, it } from 'vitest';
import { Hardware } from '../../../../protocol/index.js';
import { parseFirmwareDate } from '../../../../agent/collectors/hardware/firmware-date.js';
import { mapHardware } from '../../../../agent/collectors/hardware/map.js';
import type { RawHardware } from '../../../../agent/collectors/hardware/raw.js';
import { cleanText } from '../../../../agent/collectors/clean.js';
import { fixtureCases, fixtureJson } from '../../../helpers/agent.js';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('hardware mapping (fixtures)', () => {
  for (const name of fixtureCases('hardware')) {
    it(name, () => {
      const mapped = mapHardware(fixtureJson<RawHardware>('hardware', name, 'si.json'), NOW);
      expect(mapped).toEqual(fixtureJson('hardware', name, 'expected.json'));
      expect(Hardware.safeParse(mapped).success).toBe(true);
    });
  }

  it('survives values of the wrong type everywhere', () => {
    const garbage = { system: 42, bios: 'x', chassis: [], cpu: null, mem: {}, disks: 'no', blockDevices: null, battery: 7 } as unknown as RawHardware;
    expect(Hardware.safeParse(mapHardware(garbage, NOW)).success).toBe(true);
  });

  it('a container: reported as such, host firmware not passed off as its hardware, age not scored', () => {
    const mapped = mapHardware(
      { system: { manufacturer: 'Dell Inc.', model: 'Docker Container', serial: 'ABC123', virtual: false }, bios: { vendor: 'Dell Inc.', version: '1.2', releaseDate: '2023-01-01' }, virt: { dockerenv: true } },
      NOW,
    );
    expect(mapped).toMatchObject({ chassis: 'virtual-machine', virtualisation: { type: 'container', platform: 'docker' } });
    for (const key of ['manufacturer', 'model', 'serial', 'firmware', 'battery'] as const) expect(mapped[key]).toHaveProperty('unknown');
    expect(mapped.age).toEqual({ unknown: 'virtual machine or container: its firmware date describes the hypervisor or host, not hardware' });
    expect(Hardware.safeParse(mapped).success).toBe(true);
  });

  it('an EC2 VM systeminformation does not flag: DMI names the hypervisor, the EBS disk is virtual', () => {
    const mapped = mapHardware(
      {
        system: { manufacturer: 'Amazon EC2', model: 'c5.large', virtual: false },
        disks: [{ device: '/dev/nvme0n1', type: 'NVMe', name: 'Amazon Elastic Block Store', size: 8589934592, interfaceType: 'PCIe' }],
      },
      NOW,
    );
    expect(mapped).toMatchObject({ chassis: 'virtual-machine', virtualisation: { type: 'vm', platform: 'amazon' }, system_disk: { type: 'virtual' } });
  });

  it('converts mAh battery readings with the pack voltage', () => {
    const mapped = mapHardware({ battery: { hasBattery: true, designedCapacity: 4000, maxCapacity: 3500, capacityUnit: 'mAh', voltage: 11.1, cycleCount: 312 } }, NOW);
    expect(mapped.battery).toEqual({ present: true, design_capacity_mwh: 44400, full_charge_capacity_mwh: 38850, cycle_count: 312 });
  });
});

describe('firmware release date', () => {
  it.each([
    ['2023-09-12', '2023-09-12'],
    ['09/12/2023', '2023-09-12'],
    ['20230912000000.000000+000', '2023-09-12'],
    ['1970-01-01', undefined],
    ['2031-01-01', undefined],
    ['02/30/2020', undefined],
    ['', undefined],
    ['yesterday', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(parseFirmwareDate(raw, NOW)).toBe(expected);
  });
});

describe('placeholder cleaning', () => {
  it.each(['Default string', 'To Be Filled By O.E.M.', '  ', '-', 'FFFFFFFF', 'System Serial Number', 'Not Specified'])('%j is not a value', (v) => {
    expect(cleanText(v)).toBeUndefined();
  });
  it('keeps real values', () => {
    expect(cleanText(' Dell  Inc. ')).toBe('Dell Inc.');
    expect(cleanText('F00')).toBe('F00');
  });
});
