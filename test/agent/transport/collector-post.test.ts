import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configWith } from '../../../agent/config/load.js';
import { collectorPost } from '../../../agent/transport/collector-post.js';
import { describePostError, httpPost } from '../../../agent/transport/http-post.js';
import type { RunningCollector } from '../../../collector/service.js';
import { startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';
import { selfSignedCertificate } from '../../helpers/self-signed-cert.js';

/** A loopback HTTP proxy that only tunnels (CONNECT), as trust proxies do for HTTPS; it keeps what it was asked for. */
async function connectProxy(): Promise<{ server: Server; url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createServer((_, response) => response.writeHead(405).end());
  server.on('connect', (request, client, head) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

// A collector behind a trust's own certificate authority, reached directly and through a proxy.
describe('reaching the collector: private CA and HTTP proxy', () => {
  const dir = tempDir('transport');
  const certificate = selfSignedCertificate('localhost');
  let collector: RunningCollector;
  let healthz: string;
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  const caFile = `${dir.path}/trust-ca.pem`;
  const config = (extra: Record<string, unknown>) => configWith({ state_dir: `${dir.path}/state`, collector_url: healthz, ...extra });

  beforeAll(async () => {
    writeFileSync(caFile, certificate.cert);
    writeFileSync(`${dir.path}/key.pem`, certificate.key);
    collector = await startTestCollector(`${dir.path}/collector`, { tls: { certFile: caFile, keyFile: `${dir.path}/key.pem` } });
    healthz = `https://localhost:${new URL(collector.url).port}/healthz`;
    proxy = await connectProxy();
  });
  afterAll(async () => {
    await collector.close();
    proxy.server.close();
    dir.remove();
  });

  it('without the CA the certificate is refused, with the reason', async () => {
    const error = await httpPost(healthz, { method: 'GET', headers: {} }).then(() => undefined, (e: unknown) => e);
    expect(describePostError(error)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('with collector_ca_file the collector answers', async () => {
    const response = await collectorPost(config({ collector_ca_file: caFile }))(healthz, { method: 'GET', headers: {} });
    expect(response.status).toBe(200);
  });

  it('with collector_proxy the request goes through the proxy, the certificate still checked end to end', async () => {
    const viaProxy = collectorPost(config({ collector_ca_file: caFile, collector_proxy: proxy.url }));
    expect((await viaProxy(healthz, { method: 'GET', headers: {} })).status).toBe(200);
    expect(proxy.tunnels).toEqual([`localhost:${new URL(collector.url).port}`]);
    // A proxy does not vouch for the collector: without the CA, the tunnelled TLS is refused.
    const untrusted = await collectorPost(config({ collector_proxy: proxy.url }))(healthz, { method: 'GET', headers: {} }).then(() => undefined, (e: unknown) => e);
    expect(describePostError(untrusted)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('names the setting when the CA file is missing or holds no certificate, and checks the proxy URL', () => {
    expect(() => collectorPost(config({ collector_ca_file: `${dir.path}/missing.pem` }))).toThrow(ConfigError);
    expect(() => collectorPost(config({ collector_ca_file: `${dir.path}/missing.pem` }))).toThrow(/^collector_ca_file: cannot read .*missing\.pem: ENOENT$/);
    expect(() => collectorPost(config({ collector_ca_file: `${dir.path}/key.pem` }))).toThrow(/^collector_ca_file: .*key\.pem holds no PEM certificate/);
    expect(() => config({ collector_proxy: 'proxy.trust.nhs.uk:8080' })).toThrow(/collector_proxy: must be an http:\/\/ or https:\/\/ URL/);
  });
});
