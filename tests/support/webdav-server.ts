// A real WebDAV server on 127.0.0.1 for the tests (npm webdav-server: basic auth, in-memory files).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v2 as webdav } from 'webdav-server';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A WebDAV server for one user with every right on '/'; start() and stop() it. */
export function startDav(port: number, user: string, password: string) {
  const users = new webdav.SimpleUserManager();
  const account = users.addUser(user, password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(account, '/', ['all']);
  const server = new webdav.WebDAVServer({
    hostname: '127.0.0.1',
    port,
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'Clear Reader test'),
    privilegeManager: privileges,
    requireAuthentification: true,
  });
  let http: Server | null = null;
  return {
    server,
    start: () =>
      new Promise<void>((resolve) =>
        server.start((s) => {
          http = s as Server;
          resolve();
        }),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        http?.closeAllConnections();
        server.stop(() => resolve());
      }),
  };
}
