import { probeCheck } from '../check.js';

/**
 * `doctor`'s self-check of the patches collector: runs the platform's package manager or update history (apt, dnf/dnf5, zypper, softwareupdate, Windows Update) once here,
 * and names every command that is missing or failed and every value that is unknown, with its reason.
 */
export const patchesCheck = probeCheck();
