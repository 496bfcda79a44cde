import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { log } from '../telemetry/log.js';

/** The dashboard's bundled script and style sheet, built by scripts/build.mjs into dist/web/. */
export interface WebAsset {
  body: Buffer;
  type: string;
  /** Content hash: asset URLs carry it, so browsers may cache them for good. */
  version: string;
}

const FILES = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' } as const;
export type AssetName = keyof typeof FILES;

// Beside the built collector (dist/sf-collector.mjs → dist/web/), or dist/web/ of the checkout
// when the collector runs from source.
const CANDIDATES = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)];

export class WebAssets {
  private constructor(private readonly files: Map<AssetName, WebAsset>) {}

  /** Reads the built assets once; a missing build leaves pages readable (tables) but without charts. */
  static load(): WebAssets {
    const dir = CANDIDATES.map((url) => fileURLToPath(url)).find((path) => existsSync(`${path}app.js`));
    const files = new Map<AssetName, WebAsset>();
    if (!dir) {
      log.warn('dashboard assets not built (run npm run build); pages render without charts or styles');
      return new WebAssets(files);
    }
    for (const [name, type] of Object.entries(FILES) as Array<[AssetName, string]>) {
      const body = readFileSync(`${dir}${name}`);
      files.set(name, { body, type, version: createHash('sha256').update(body).digest('hex').slice(0, 12) });
    }
    return new WebAssets(files);
  }

  get(name: string): WebAsset | undefined {
    return this.files.get(name as AssetName);
  }

  url(name: AssetName): string | undefined {
    const asset = this.files.get(name);
    return asset && `/assets/${name}?v=${asset.version}`;
  }
}
