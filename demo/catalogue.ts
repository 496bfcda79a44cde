import type { OperatingSystem } from '../protocol/index.js';

/** Device models a trust really runs, with the year each was released (for age estimates). */
export interface ModelSpec {
  manufacturer: string;
  model: string;
  chassis: 'laptop' | 'desktop' | 'server' | 'tablet' | 'all-in-one';
  released: number;
  ramGiB: number[];
  disk: 'ssd' | 'hdd' | 'nvme';
  cpu: string;
  cores: number;
  mac?: boolean;
}

export const MODELS: ModelSpec[] = [
  { manufacturer: 'Dell Inc.', model: 'Latitude 5440', chassis: 'laptop', released: 2023, ramGiB: [16], disk: 'nvme', cpu: 'Intel Core i5-1345U', cores: 10 },
  { manufacturer: 'Dell Inc.', model: 'Latitude 5420', chassis: 'laptop', released: 2021, ramGiB: [8, 16], disk: 'nvme', cpu: 'Intel Core i5-1145G7', cores: 4 },
  { manufacturer: 'Dell Inc.', model: 'Latitude 7490', chassis: 'laptop', released: 2018, ramGiB: [8, 16], disk: 'ssd', cpu: 'Intel Core i5-8350U', cores: 4 },
  { manufacturer: 'Dell Inc.', model: 'Latitude E7470', chassis: 'laptop', released: 2016, ramGiB: [4, 8], disk: 'ssd', cpu: 'Intel Core i5-6300U', cores: 2 },
  { manufacturer: 'Dell Inc.', model: 'OptiPlex 7010', chassis: 'desktop', released: 2012, ramGiB: [4, 8], disk: 'hdd', cpu: 'Intel Core i5-3470', cores: 4 },
  { manufacturer: 'Dell Inc.', model: 'OptiPlex 7050', chassis: 'desktop', released: 2017, ramGiB: [8], disk: 'hdd', cpu: 'Intel Core i5-7500', cores: 4 },
  { manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', chassis: 'desktop', released: 2021, ramGiB: [8, 16], disk: 'nvme', cpu: 'Intel Core i5-10505', cores: 6 },
  { manufacturer: 'HP', model: 'EliteBook 840 G8', chassis: 'laptop', released: 2021, ramGiB: [16], disk: 'nvme', cpu: 'Intel Core i5-1145G7', cores: 4 },
  { manufacturer: 'HP', model: 'EliteBook 840 G5', chassis: 'laptop', released: 2018, ramGiB: [8], disk: 'ssd', cpu: 'Intel Core i5-8250U', cores: 4 },
  { manufacturer: 'HP', model: 'EliteDesk 800 G3 SFF', chassis: 'desktop', released: 2017, ramGiB: [4, 8], disk: 'hdd', cpu: 'Intel Core i5-6500', cores: 4 },
  { manufacturer: 'HP', model: 'EliteOne 800 G6 AiO', chassis: 'all-in-one', released: 2020, ramGiB: [8, 16], disk: 'ssd', cpu: 'Intel Core i5-10500', cores: 6 },
  { manufacturer: 'LENOVO', model: 'ThinkPad T14 Gen 3', chassis: 'laptop', released: 2022, ramGiB: [16, 32], disk: 'nvme', cpu: 'Intel Core i5-1245U', cores: 10 },
  { manufacturer: 'LENOVO', model: 'ThinkCentre M920q', chassis: 'desktop', released: 2018, ramGiB: [8], disk: 'ssd', cpu: 'Intel Core i5-8500T', cores: 6 },
  { manufacturer: 'Microsoft Corporation', model: 'Surface Pro 7', chassis: 'tablet', released: 2019, ramGiB: [8], disk: 'nvme', cpu: 'Intel Core i5-1035G4', cores: 4 },
  { manufacturer: 'Apple Inc.', model: 'MacBook Air (M1, 2020)', chassis: 'laptop', released: 2020, ramGiB: [8, 16], disk: 'nvme', cpu: 'Apple M1', cores: 8, mac: true },
  { manufacturer: 'Apple Inc.', model: 'MacBook Pro (14-inch, M3, 2023)', chassis: 'laptop', released: 2023, ramGiB: [16], disk: 'nvme', cpu: 'Apple M3', cores: 8, mac: true },
  { manufacturer: 'Dell Inc.', model: 'PowerEdge R740', chassis: 'server', released: 2017, ramGiB: [128, 256], disk: 'ssd', cpu: 'Intel Xeon Silver 4114', cores: 20 },
  { manufacturer: 'HPE', model: 'ProLiant DL380 Gen10', chassis: 'server', released: 2017, ramGiB: [64, 192], disk: 'ssd', cpu: 'Intel Xeon Gold 5118', cores: 24 },
];

export type OsSpec = Omit<OperatingSystem, 'arch'> & { released: number };

const windows = (name: string, edition: string, version: string, build: string, released: number): OsSpec => ({
  family: 'windows', name, edition, version, build, kernel: `10.0.${build}`, released,
});

/** Operating systems by family, each with a relative weight per "site modernity". */
export const WINDOWS_CLIENT: Array<readonly [OsSpec, number]> = [
  [windows('Windows 11 Enterprise', 'Enterprise', '25H2', '26200.7171', 2025), 14],
  [windows('Windows 11 Enterprise', 'Enterprise', '24H2', '26100.7171', 2024), 34],
  [windows('Windows 11 Pro', 'Professional', '24H2', '26100.7171', 2024), 4],
  [windows('Windows 11 Enterprise', 'Enterprise', '23H2', '22631.6199', 2023), 9],
  [windows('Windows 11 Pro', 'Professional', '23H2', '22631.6199', 2023), 2],
  [windows('Windows 10 Enterprise', 'Enterprise', '22H2', '19045.6575', 2022), 22],
  [windows('Windows 10 Pro', 'Professional', '22H2', '19045.6575', 2022), 3],
  [windows('Windows 10 Enterprise LTSC 2019', 'EnterpriseS', '1809', '17763.8027', 2018), 4],
  [windows('Windows 10 Enterprise LTSC 2021', 'EnterpriseS', '21H2', '19044.6575', 2021), 4],
  [windows('Windows 10 Enterprise', 'Enterprise', '21H2', '19044.3086', 2021), 2],
  [windows('Windows 7 Professional', 'Professional', '6.1', '7601.24214', 2009), 1],
];

export const WINDOWS_SERVER: Array<readonly [OsSpec, number]> = [
  [windows('Windows Server 2022 Standard', 'ServerStandard', '21H2', '20348.3932', 2021), 40],
  [windows('Windows Server 2019 Standard', 'ServerStandard', '1809', '17763.7558', 2018), 35],
  [windows('Windows Server 2016 Standard', 'ServerStandard', '1607', '14393.8148', 2016), 20],
  [windows('Windows Server 2012 R2 Standard', 'ServerStandard', '6.3', '9600.22074', 2013), 5],
];

export const MACOS: Array<readonly [OsSpec, number]> = [
  [{ family: 'macos', name: 'macOS', version: '15.6', build: '24G84', edition: { unknown: 'macOS has no editions' }, kernel: 'Darwin 24.6.0', released: 2024 }, 50],
  [{ family: 'macos', name: 'macOS', version: '14.7.6', build: '23H626', edition: { unknown: 'macOS has no editions' }, kernel: 'Darwin 23.6.0', released: 2023 }, 35],
  [{ family: 'macos', name: 'macOS', version: '12.7.6', build: '21H1320', edition: { unknown: 'macOS has no editions' }, kernel: 'Darwin 21.6.0', released: 2021 }, 15],
];

export const LINUX_SERVER: Array<readonly [OsSpec, number]> = [
  [{ family: 'linux', name: 'Ubuntu', version: '24.04', build: { unknown: 'not applicable' }, edition: 'LTS', kernel: '6.8.0-79-generic', released: 2024 }, 35],
  [{ family: 'linux', name: 'Ubuntu', version: '22.04', build: { unknown: 'not applicable' }, edition: 'LTS', kernel: '5.15.0-151-generic', released: 2022 }, 30],
  [{ family: 'linux', name: 'Ubuntu', version: '18.04', build: { unknown: 'not applicable' }, edition: 'LTS', kernel: '4.15.0-213-generic', released: 2018 }, 10],
  [{ family: 'linux', name: 'Red Hat Enterprise Linux', version: '9.4', build: { unknown: 'not applicable' }, edition: 'Server', kernel: '5.14.0-427.el9.x86_64', released: 2024 }, 15],
  [{ family: 'linux', name: 'Debian GNU/Linux', version: '12', build: { unknown: 'not applicable' }, edition: { unknown: 'Debian has no editions' }, kernel: '6.1.0-37-amd64', released: 2023 }, 10],
];
