import path from 'node:path';

export interface DefaultPaths {
  configFile: string;
  stateDir: string;
}

/** Where an installed agent looks for its config and keeps its state, per OS. */
export function defaultPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): DefaultPaths {
  if (platform === 'win32') {
    const base = path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'SmartFoundations');
    return { configFile: path.win32.join(base, 'agent.yaml'), stateDir: path.win32.join(base, 'state') };
  }
  if (platform === 'darwin') {
    const base = '/Library/Application Support/SmartFoundations';
    return { configFile: `${base}/agent.yaml`, stateDir: `${base}/state` };
  }
  return { configFile: '/etc/sf-agent/agent.yaml', stateDir: '/var/lib/sf-agent' };
}
