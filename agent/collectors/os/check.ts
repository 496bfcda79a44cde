import { probeCheck } from '../check.js';

/**
 * `doctor`'s self-check of the os collector: runs the OS reader (name, version, build, kernel; the registry on Windows) and the host name once here,
 * and names every command that is missing or failed and every value that is unknown, with its reason.
 */
export const osCheck = probeCheck();
