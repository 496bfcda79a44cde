import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyVirtualisation } from '../../../../agent/collectors/hardware/virtualisation.js';
import { isVirtualDisk } from '../../../../agent/collectors/hardware/storage-power.js';
import { FIXTURES, fixtureCases, fixtureJson } from '../../../helpers/agent.js';
import { virtSignalsFromCase } from './virt-fixtures.js';

describe('virtualisation (genuine virt-what test machines)', () => {
  const cases = fixtureCases('virtualisation');
  it('has the samples', () => expect(cases.length).toBeGreaterThanOrEqual(20));
  for (const name of cases) {
    it(name, () => {
      expect(classifyVirtualisation(virtSignalsFromCase(path.join(FIXTURES, 'virtualisation', name)))).toEqual(fixtureJson('virtualisation', name, 'expected.json') ?? undefined); // null: no DMI string, no decision
    });
  }
});

describe('virtualisation signals', () => {
  it('systemd-detect-virt wins over DMI, containers over VMs; "none" is bare metal', () => {
    expect(classifyVirtualisation({ detectVirt: 'kvm\n', dmi: { sysVendor: 'Bochs' } })).toEqual({ type: 'vm', platform: 'kvm' });
    expect(classifyVirtualisation({ detectVirt: 'microsoft' })).toEqual({ type: 'vm', platform: 'hyper-v' });
    expect(classifyVirtualisation({ detectVirt: 'docker', dmi: { sysVendor: 'QEMU' } })).toEqual({ type: 'container', platform: 'docker' });
    expect(classifyVirtualisation({ dockerenv: true, dmi: { sysVendor: 'VMware, Inc.' } })).toEqual({ type: 'container', platform: 'docker' });
    expect(classifyVirtualisation({ detectVirt: 'none' })).toEqual({ type: 'none' });
    // uyuni-project/uyuni#2112: a Nutanix AHV (KVM) guest with Hyper-V enlightenments; systemd-detect-virt
    // printed "microsoft", dmidecode said Nutanix / AHV / SeaBIOS.
    expect(classifyVirtualisation({ detectVirt: 'microsoft\n', dmi: { sysVendor: 'Nutanix', productName: 'AHV', biosVendor: 'SeaBIOS' } })).toEqual({ type: 'vm', platform: 'kvm' });
    expect(classifyVirtualisation({})).toBeUndefined();
  });
  it('cgroup v1 names the engine; Kubernetes pods are containers', () => {
    expect(classifyVirtualisation({ pid1Cgroup: '12:pids:/docker/3f1c9a6b2e5d7f8a\n' })).toEqual({ type: 'container', platform: 'docker' });
    expect(classifyVirtualisation({ pid1Cgroup: '0::/kubepods.slice/kubepods-burstable.slice/x\n' })).toEqual({ type: 'container', platform: 'kubernetes' });
    expect(classifyVirtualisation({ pid1Cgroup: '0::/init.scope\n', dmi: { sysVendor: 'Dell Inc.' } })).toEqual({ type: 'none' });
  });
  it('Windows and macOS model strings (WMI / IOKit) classify too; a Surface or Chromebook is not a VM', () => {
    expect(classifyVirtualisation({ dmi: { sysVendor: 'Microsoft Corporation', productName: 'Virtual Machine' } })).toEqual({ type: 'vm', platform: 'hyper-v' });
    expect(classifyVirtualisation({ dmi: { sysVendor: 'Microsoft Corporation', productName: 'Surface Pro 7' } })).toEqual({ type: 'none' });
    expect(classifyVirtualisation({ dmi: { sysVendor: 'Google', productName: 'Eve' } })).toEqual({ type: 'none' });
    expect(classifyVirtualisation({ dmi: { sysVendor: 'Apple Inc.', productName: 'VirtualMac2,1' } })).toEqual({ type: 'vm', platform: 'apple' });
    expect(classifyVirtualisation({ dmi: { sysVendor: 'innotek GmbH', productName: 'VirtualBox' } })).toEqual({ type: 'vm', platform: 'virtualbox' });
  });
  it('virtio, Xen and hypervisor-named disks are virtual, real ones are not', () => {
    expect(['vda', '/dev/vdb', 'xvda'].map((n) => isVirtualDisk(n, ''))).toEqual([true, true, true]);
    expect(['QEMU HARDDISK', 'VBOX HARDDISK', 'Virtual disk', 'Amazon Elastic Block Store', 'Msft Virtual Disk'].map((m) => isVirtualDisk('sda', m))).toEqual([true, true, true, true, true]);
    expect(isVirtualDisk('nvme0n1', 'KXG60ZNV256G NVMe KIOXIA 256GB')).toBe(false);
    expect(isVirtualDisk('sda', 'ST1000DM010-2EP102')).toBe(false);
  });
});
