import pkg from '../package.json' with { type: 'json' };

/** Read at build time: esbuild inlines the JSON, so the bundle never reads package.json at runtime. */
export const AGENT_VERSION: string = pkg.version;
