/** systeminformation's osInfo fields the OS mappers read; loosely typed, fixtures garble them. */
export interface RawOsInfo {
  platform?: unknown;
  distro?: unknown;
  release?: unknown;
  codename?: unknown;
  kernel?: unknown;
  arch?: unknown;
  build?: unknown;
  servicepack?: unknown;
}
