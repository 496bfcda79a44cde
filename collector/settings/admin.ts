import { DEFAULT_COLLECTOR_CONFIG } from '../config.js';
import { DATA_DIR } from './serve.js';
import { text } from './parsers.js';
import { setting, type Flags } from './table.js';

const { host, port } = DEFAULT_COLLECTOR_CONFIG.listen;

/** The flags every admin command (site, trust, assets, catalogue, notify, scores, device, key, grafana) shares. */
export const ADMIN_SETTINGS = [
  setting({ key: 'url', flag: '--url <url>', env: 'SF_COLLECTOR_URL', default: `http://${host}:${port}`, help: 'collector base URL', parse: text }),
  { ...DATA_DIR, help: 'where to find admin.token when neither SF_ADMIN_TOKEN nor --admin-token-file is given' },
  setting({ key: 'adminTokenFile', flag: '--admin-token-file <file>', env: 'SF_ADMIN_TOKEN_FILE', help: 'file holding the admin token; unset: <data-dir>/admin.token', parse: text }),
  setting({ key: 'adminToken', env: 'SF_ADMIN_TOKEN', secret: true, help: 'the admin token itself, used before any file', parse: text }),
] as const;

export type AdminOptions = Flags<typeof ADMIN_SETTINGS>;
