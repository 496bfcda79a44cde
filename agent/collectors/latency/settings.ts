import { z } from 'zod';
import { type CollectorSettings, setting } from '../../config/setting.js';

/** Every 5 minutes: a latency trend per target without loading the network (5 echoes per target). */
export const LATENCY_SETTINGS = { name: 'latency', kind: 'samples', intervalSeconds: 300 } as const satisfies CollectorSettings;

/** The bare host of an https url ("[::1]" → "::1"); undefined for no url or one that does not parse. */
const hostOfUrl = (url: string | undefined): string | undefined => (url && URL.canParse(url) ? new URL(url).hostname.replace(/^\[(.*)\]$/, '$1') : undefined);

export const LatencyTarget = z
  .object({
    /** A host name or address, or the words `gateway` / `dns` to probe the default gateway or first DNS server. */
    host: z.string().min(1).max(255).optional(),
    label: z.string().min(1).max(64).optional(),
    /** icmp (default): ping; tcp: time to connect to `port`; https: time to first byte of `url` or https://host:port/path. */
    method: z.enum(['icmp', 'tcp', 'https']).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
    path: z.string().startsWith('/').max(2000).optional(),
    http_method: z.enum(['GET', 'HEAD']).optional(),
  })
  .superRefine((t, ctx) => {
    const method = t.method ?? 'icmp';
    const misplaced = (field: string, only: string) => ctx.addIssue({ code: 'custom', path: [field], message: `only used by ${only} targets` });
    if (method === 'tcp' && t.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: 'required for tcp' });
    if (method === 'icmp' && t.port !== undefined) misplaced('port', 'tcp and https');
    for (const field of ['url', 'path', 'http_method'] as const) if (method !== 'https' && t[field] !== undefined) misplaced(field, 'https');
    if (t.url !== undefined && (t.port !== undefined || t.path !== undefined)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'give either url or port/path, not both' });
    const urlHost = hostOfUrl(t.url);
    if (t.host === undefined && t.url === undefined) ctx.addIssue({ code: 'custom', path: ['host'], message: 'required (or a url for https)' });
    if (t.host !== undefined && urlHost !== undefined && t.host.toLowerCase() !== urlHost.toLowerCase()) ctx.addIssue({ code: 'custom', path: ['host'], message: `differs from the url's host ${urlHost}` });
  })
  // An https target given only a url is reported under the url's host.
  .transform((t) => ({ ...t, host: t.host ?? hostOfUrl(t.url) ?? '' }));
export type LatencyTarget = z.infer<typeof LatencyTarget>;

/** `host` or `host=label`, from `--latency-target` (repeated) or `SF_LATENCY_TARGETS` (comma-separated). */
export function parseTargetList(text: string | readonly string[]): Array<{ host: string; label?: string }> {
  const items = typeof text === 'string' ? text.split(',') : text;
  return items
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const eq = item.indexOf('=');
      return eq > 0 ? { host: item.slice(0, eq), label: item.slice(eq + 1) } : { host: item };
    });
}

/** The `latency:` section. No targets by default: a fresh agent sends no probe traffic anywhere. */
export const latencySettings = {
  targets: setting(z.array(LatencyTarget).max(32).default([]), {
    env: 'SF_LATENCY_TARGETS',
    flag: '--latency-target <host[=label]>',
    repeatable: true,
    fromText: parseTargetList,
    help: 'targets to probe: host or host=label (ICMP) from the flag or the environment (comma-separated); in the file, TCP and HTTPS targets too',
    details:
      '`[{host, label, method, port, url, path, http_method}]`. `gateway` and `dns` are resolved only when listed. `method`: `icmp` (default, ping), `tcp` (time to connect; needs `port`) or `https` (time to the response headers of a GET, or HEAD with `http_method`; `url`, or `host` + `port` (443) + `path` (/); any HTTP status counts as an answer, redirects are not followed, the certificate is not checked)',
    defaultText: 'none: no probe traffic',
  }),
  count: setting(z.number().int().min(1).max(100).default(5), { help: 'echoes (or connections) per target per round' }),
  timeout_ms: setting(z.number().int().min(100).max(10_000).default(1000), { help: 'how long to wait for each echo reply, TCP connect or HTTPS answer, in ms' }),
};
