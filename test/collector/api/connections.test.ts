import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProgram } from '../../../demo/processes.js';
import { freePort, spawnCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// Finding 5: connection exhaustion. One host opening sockets and sending nothing, or sending slowly,
// must neither hold more than the caps allow nor keep a socket past the configured timeouts.
// Every socket comes from a loopback address (127.0.0.0/8: Linux lets a socket bind any of them).

type Outcome = 'answered' | 'closed';

function open(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What became of a socket: closed by the server, with whatever it said first. */
function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let said = '';
    socket.on('data', (d: Buffer) => (said += d.toString()));
    socket.on('error', () => {});
    if (socket.destroyed) resolve(said);
    socket.once('close', () => resolve(said));
  });
}

/** Sends a health check; 'answered' when the collector answers it, 'closed' when it cuts the socket instead. */
function ask(socket: Socket): Promise<Outcome> {
  return new Promise((resolve) => {
    let said = '';
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.startsWith('HTTP/1.1 200')) resolve('answered');
    });
    socket.once('close', () => resolve('closed'));
    if (socket.destroyed) resolve('closed');
    else socket.write('GET /healthz HTTP/1.1\r\nHost: collector\r\n\r\n');
  });
}

async function openAndAsk(port: number, addresses: string[]): Promise<{ sockets: Socket[]; outcomes: Outcome[] }> {
  const sockets: Socket[] = [];
  // One after another, so the collector accepts them in this order.
  for (const address of addresses) sockets.push(await open(port, address));
  return { sockets, outcomes: await Promise.all(sockets.map(ask)) };
}

const count = (outcomes: Outcome[], outcome: Outcome) => outcomes.filter((o) => o === outcome).length;

describe('connection caps', () => {
  const dir = tempDir('conn-caps');
  let collector: Awaited<ReturnType<typeof spawnCollector>>;
  let port: number;
  const held: Socket[] = [];
  beforeAll(async () => {
    port = await freePort();
    // Long timeouts here, so only the caps close anything.
    collector = await spawnCollector(dir.path, port, {
      ...process.env,
      SF_MAX_CONNECTIONS: '20',
      SF_MAX_CONNECTIONS_PER_ADDRESS: '8',
      SF_HEADERS_TIMEOUT: '60',
      SF_KEEP_ALIVE_TIMEOUT: '120',
    });
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await stopProgram(collector.child, 'SIGTERM');
    dir.remove();
  });

  it('closes connections from one address beyond its cap, and not those of another address', async () => {
    const crowd = await openAndAsk(port, Array.from({ length: 11 }, () => '127.0.0.2'));
    held.push(...crowd.sockets);
    expect(count(crowd.outcomes, 'answered')).toBe(8);
    expect(count(crowd.outcomes, 'closed')).toBe(3);

    const other = await openAndAsk(port, ['127.0.0.3']);
    held.push(...other.sockets);
    expect(other.outcomes).toEqual(['answered']);
  });

  it('closes connections beyond the total cap, whatever their address', async () => {
    // 9 held from above (and perhaps the readiness check's keep-alive connection): 16 more from 16 addresses.
    const many = await openAndAsk(port, Array.from({ length: 16 }, (_, i) => `127.0.0.${10 + i}`));
    held.push(...many.sockets);
    const answered = count(many.outcomes, 'answered');
    expect(answered + 9).toBeLessThanOrEqual(20);
    expect(count(many.outcomes, 'closed')).toBeGreaterThanOrEqual(5);
    // Those let in are served.
    expect(answered).toBeGreaterThanOrEqual(10);
    expect(collector.log()).toContain('connections refused over the cap');
  });
});

describe('connection timeouts', () => {
  const dir = tempDir('conn-timeouts');
  let collector: Awaited<ReturnType<typeof spawnCollector>>;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    collector = await spawnCollector(dir.path, port, { ...process.env, SF_HEADERS_TIMEOUT: '1', SF_REQUEST_TIMEOUT: '2', SF_KEEP_ALIVE_TIMEOUT: '1' });
  });
  afterAll(async () => {
    await stopProgram(collector.child, 'SIGTERM');
    dir.remove();
  });

  it('closes a socket whose headers never end (slowloris)', async () => {
    const socket = await open(port, '127.0.0.4');
    const gone = closed(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: collector\r\nX-Slow: ');
    const said = await gone;
    expect(said).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes a socket that connects and sends nothing', async () => {
    const socket = await open(port, '127.0.0.5');
    expect(await closed(socket)).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes a socket whose body never ends', async () => {
    const socket = await open(port, '127.0.0.6');
    const gone = closed(socket);
    socket.write('POST /v1/enroll HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"enroll');
    expect(await gone).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes an idle keep-alive connection after its answer', async () => {
    const socket = await open(port, '127.0.0.7');
    const gone = closed(socket);
    expect(await ask(socket)).toBe('answered');
    expect(await gone).toMatch(/^HTTP\/1\.1 200/);
  });
});
