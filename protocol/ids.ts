import { z } from 'zod';

/** Site and trust ids are short slugs chosen by an admin (e.g. `rx1-qmc`). */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');

export const DeviceId = z.string().regex(/^dev_[0-9a-z]{8,64}$/, 'must look like dev_<id>');
