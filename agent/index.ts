/**
 * The agent's programmatic API, for embedding and end-to-end tests. The CLI (cli.ts) is a
 * thin layer over these.
 */
export { type AgentHandle, type AgentOptions, collectOnce, openStateSpool, runOnce, startAgent } from './agent.js';
export { ConfigError, type ConfigFlags, configWith, loadConfig, validateConfig } from './config/load.js';
export { defaultPaths } from './config/paths.js';
export { AgentConfig, type AgentConfigInput } from './config/schema.js';
export { defaultCollectors } from './collectors/registry.js';
export type { Clock, CollectContext, Collector, CollectorOutput } from './collectors/types.js';
export { UNENROLLED_DEVICE_ID } from './cycle/build-report.js';
export { runDoctor } from './doctor.js';
export { EnrollError, enroll, ensureEnrolled } from './enroll.js';
export { computeFingerprint } from './fingerprint.js';
export { type Identity, identityPath, readIdentity } from './identity.js';
export { createLogger, type Logger, silentLogger } from './log.js';
export { type CommandResult, type CommandRunner, runCommand } from './host/runner.js';
export { type DeliveryResult, type DrainResult, Sender } from './sender/sender.js';
export { openDiskSpool } from './spool/disk.js';
export { openMemorySpool } from './spool/memory.js';
export type { Spool, SpoolEntry } from './spool/types.js';
export { AGENT_VERSION } from './version.js';
