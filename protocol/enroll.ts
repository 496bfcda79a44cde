import { z } from 'zod';

export const Platform = z.enum(['linux', 'win32', 'darwin', 'other']);

export const EnrollRequest = z.object({
  enroll_secret: z.string().min(16).max(200),
  /** sha256 (hex) of stable hardware identifiers; the same machine enrolling again keeps its device id. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (sha256)'),
  /** sha256 of the hostname unless the agent is configured to send it in clear. */
  hostname: z.string().min(1).max(255),
  platform: Platform,
  agent_version: z.string().min(1).max(64),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  device_id: z.string(),
  node_key: z.string(),
  site_id: z.string(),
  trust_id: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
