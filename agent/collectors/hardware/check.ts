import { probeCheck } from '../check.js';

/**
 * `doctor`'s self-check of the hardware collector: runs the hardware readers (systeminformation, firmware date, storage, power, virtualisation) once here,
 * and names every command that is missing or failed and every value that is unknown, with its reason.
 */
export const hardwareCheck = probeCheck();
