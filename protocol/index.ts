/** The wire contract shared by the agent and the collector. */
export * from './unknown.js';
export * from './bounds.js';
export * from './ids.js';
export * from './enroll.js';
export * from './inventory.js';
export * from './samples.js';
export * from './network.js';
export * from './report.js';
export * from './validation.js';
