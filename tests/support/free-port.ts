// Starts a test server on a free port of `host`; resolves with its origin ("http://127.0.0.2:41234").
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function serveOnFreePort(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}
