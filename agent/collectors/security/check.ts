import { probeCheck } from '../check.js';

/**
 * `doctor`'s self-check of the security collector: runs disk encryption, firewall, anti-malware, secure boot and TPM probes once here,
 * and names every command that is missing or failed and every value that is unknown, with its reason.
 */
export const securityCheck = probeCheck();
