import { probeCheck } from '../check.js';

/**
 * `doctor`'s self-check of the wifi collector: reads the associated interfaces once (nmcli/iw, netsh,
 * system_profiler). A wired desk or a radio that is not associated produces no sample and is not a failure.
 */
export const wifiCheck = probeCheck({ nothingSampled: () => 'no samples produced here' });
