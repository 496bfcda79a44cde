import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingWebhook {
  server: Server;
  /** `http://127.0.0.1:<port>/hook` */
  url: string;
  /** Each request's JSON body, in order. */
  bodies: unknown[];
  /** Statuses to answer with, first come first used; 200 once empty. */
  answers: number[];
}

/** A loopback webhook for notification tests: keeps what it is sent, answers as it is told. */
export async function recordingWebhook(): Promise<RecordingWebhook> {
  const bodies: unknown[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, answers };
}
