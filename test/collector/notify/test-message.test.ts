import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../../collector/service.js';
import { adminFor, startTestCollector } from '../../helpers/collector.js';
import { tempDir } from '../../helpers/temp.js';

// `sf-collector notify test`: whoever sets up the webhook sees a message arrive, or why not.
describe('test message through the configured webhook', () => {
  const dir = tempDir('notify-test');
  const bodies: unknown[] = [];
  const answers: number[] = [];
  let hook: Server;
  let collector: RunningCollector;

  beforeAll(async () => {
    hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(body));
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    hook.listen(0, '127.0.0.1');
    await once(hook, 'listening');
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    collector = await startTestCollector(dir.path, { notify: { url, format: 'generic', controls: ['CYB-PATCH'], hourUtc: 7 } });
  });
  afterAll(async () => {
    await collector.close();
    hook.close();
    dir.remove();
  });

  it('posts the day as it stands, marked as a test', async () => {
    expect(await adminFor(collector.url, dir.path).notifyTest()).toMatchObject({ sent: true, trusts: 0 });
    expect(bodies).toEqual([expect.objectContaining({ test: true, text: expect.stringMatching(/^\[test\] Smart Foundations: no change on CYB-PATCH since \d{4}-\d\d-\d\d$/) })]);
  });

  it("reports the webhook's refusal", async () => {
    answers.push(404);
    await expect(adminFor(collector.url, dir.path).notifyTest()).rejects.toThrow(/HTTP 502 .*the webhook did not accept the test message: webhook answered HTTP 404/);
  });
});
