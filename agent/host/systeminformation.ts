/**
 * systeminformation, loaded on first use. Evaluating the package costs an idle process ~5 MB, and the
 * long-running agent never calls it: hardware and OS inventory run in the short-lived inventory worker
 * (agent/worker/), and `gateway` latency targets and enrolment need it once at most. A static import
 * would load it into every process that merely lists the collectors. In the esbuild bundle a dynamic
 * import of a bundled package stays in the one file and is only evaluated when first called.
 */
export type SystemInformation = typeof import('systeminformation');

let loading: Promise<SystemInformation> | undefined;

export function systemInformation(): Promise<SystemInformation> {
  loading ??= import('systeminformation').then((m) => (m as SystemInformation & { default?: SystemInformation }).default ?? m);
  return loading;
}
