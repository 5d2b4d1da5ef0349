// Real WebDAV servers on 127.0.0.1 for the tests, each started as the test's own process with its own files in a
// temporary folder and its own port (no system service): npm `webdav-server` (in this process, in memory), and
// Debian's Apache httpd with mod_dav_fs and nginx with the dav-ext module (`.ci/run` installs them).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { v2 as webdav } from 'webdav-server';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export type DavServerName = 'webdav-server' | 'apache' | 'nginx';

/** A running server: one user, every right on its root. */
export interface DavServer {
  readonly name: DavServerName;
  /** Its root, with a trailing slash. */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** The largest request body it takes (bytes); null: no limit set. */
  readonly uploadLimit: number | null;
  stop(): Promise<void>;
}

export interface DavServerOptions {
  user: string;
  password: string;
  /** Request bodies larger than this are refused with 413 (Apache, nginx). */
  uploadLimit?: number;
}

/** A server for the whole test file, started before its tests and stopped after them; call the result to get it. */
export function davServerForFile(
  name: DavServerName = 'webdav-server',
  options: DavServerOptions = { user: 'lecteur', password: 'mot-de-passe-é€' },
): () => DavServer {
  let server: DavServer | null = null;
  beforeAll(async () => {
    server = await startDavServer(name, options);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the WebDAV server is not started yet (use it inside a test)');
    return server;
  };
}

/** npm `webdav-server` in this process, files in memory; start() and stop() it (stop and start again keeps files). */
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

/** The Debian binaries and modules each real server needs. */
const BINARIES: Record<Exclude<DavServerName, 'webdav-server'>, string[]> = {
  apache: ['/usr/sbin/apache2', '/usr/lib/apache2/modules/mod_dav_fs.so'],
  nginx: ['/usr/sbin/nginx', '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so'],
};

/** Null when the server can run here, else what is missing. */
export function missingBinaries(name: Exclude<DavServerName, 'webdav-server'>): string | null {
  const missing = BINARIES[name].filter((path) => {
    try {
      accessSync(path, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length ? missing.join(', ') : null;
}

export async function startDavServer(name: DavServerName, options: DavServerOptions): Promise<DavServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const common = { name, url, user: options.user, password: options.password };
  if (name === 'webdav-server') {
    const dav = startDav(port, options.user, options.password);
    await dav.start();
    return { ...common, uploadLimit: null, stop: dav.stop };
  }
  const missing = missingBinaries(name);
  if (missing) throw new Error(`${name} cannot run here: missing ${missing} (.ci/run installs it)`);
  const dir = mkdtempSync(join(tmpdir(), `clear-reader-${name}-`));
  const data = join(dir, 'data');
  mkdirSync(data);
  // Worker processes of a server started as root run as another user: let it write its files and logs.
  for (const path of [dir, data]) chmodSync(path, 0o777);
  // RFC 2307 {SHA}: both servers read it; the password's UTF-8 bytes are hashed, as clients send them.
  const sha = createHash('sha1').update(Buffer.from(options.password, 'utf8')).digest('base64');
  writeFileSync(join(dir, 'htpasswd'), `${options.user}:{SHA}${sha}\n`);
  const limit = options.uploadLimit ?? null;
  const [command, args] =
    name === 'apache' ? apacheCommand(dir, data, port, limit) : nginxCommand(dir, data, port, limit);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await listening(port, child, () => `${stderr}\n${readLog(join(dir, 'error.log'))}`);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...common,
    uploadLimit: limit,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

function apacheCommand(dir: string, data: string, port: number, limit: number | null): [string, string[]] {
  const modules = ['mpm_event', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_basic', 'dav', 'dav_fs'];
  const conf = [
    `ServerRoot "${dir}"`,
    `Listen 127.0.0.1:${port}`,
    'ServerName 127.0.0.1',
    `PidFile "${dir}/httpd.pid"`,
    `ErrorLog "${dir}/error.log"`,
    'LogLevel warn',
    `DefaultRuntimeDir "${dir}"`,
    ...modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
    // Apache refuses to serve as root: its workers then run as www-data.
    ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
    'StartServers 1',
    'ServerLimit 1',
    'ThreadsPerChild 8',
    'MaxRequestWorkers 8',
    `DAVLockDB "${dir}/davlock"`,
    `DocumentRoot "${data}"`,
    `<Directory "${data}">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Clear Reader test"',
    `  AuthUserFile "${dir}/htpasswd"`,
    '  Require valid-user',
    ...(limit ? [`  LimitRequestBody ${limit}`] : []),
    '</Directory>',
  ].join('\n');
  writeFileSync(join(dir, 'httpd.conf'), conf + '\n');
  return ['/usr/sbin/apache2', ['-f', join(dir, 'httpd.conf'), '-D', 'FOREGROUND']];
}

function nginxCommand(dir: string, data: string, port: number, limit: number | null): [string, string[]] {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (kind) => `  ${kind}_temp_path "${dir}/${kind}";`,
  );
  const conf = [
    'daemon off;',
    // One process, as the user who started it: no worker switching to another user.
    'master_process off;',
    `pid "${dir}/nginx.pid";`,
    `error_log "${dir}/error.log" warn;`,
    'load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;',
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...temp,
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root "${data}";`,
    '    location / {',
    '      dav_methods PUT DELETE MKCOL COPY MOVE;',
    '      dav_ext_methods PROPFIND OPTIONS;',
    '      dav_access user:rw group:rw all:r;',
    '      auth_basic "Clear Reader test";',
    `      auth_basic_user_file "${dir}/htpasswd";`,
    `      client_max_body_size ${limit ?? 0};`,
    '    }',
    '  }',
    '}',
  ].join('\n');
  writeFileSync(join(dir, 'nginx.conf'), conf + '\n');
  return ['/usr/sbin/nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')]];
}

/** Resolves once the port takes connections; rejects if the process exits first (with what it said). */
async function listening(port: number, child: ChildProcess, said: () => string): Promise<void> {
  const state: { exited: string | null } = { exited: null };
  child.once('exit', (code, signal) => (state.exited = `exited (${code ?? signal})`));
  child.once('error', (error) => (state.exited = `could not start (${error.message})`));
  for (;;) {
    if (state.exited) throw new Error(`the server ${state.exited}:\n${said()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    // Waits for the next event of the process (or a short poll), not a fixed delay before a read.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What a scripted server does with a request: answer, stall (after the headers, or before), or hang up. */
export type ScriptedAnswer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { stall: 'before-headers' | 'after-headers' }
  | { hangUp: 'before-headers' | 'mid-body' };

export interface ScriptedServer {
  url: string;
  /** Requests seen, as "METHOD /path" (path as sent, still encoded). */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 whose every answer the test writes: a server of any flavour (Go's, sabre/dav's), one
 * that refuses in every way HTTP allows, or one that stalls. `null` from the script passes the request on to
 * `upstream` (a real WebDAV server), so one file can stall while the others go through.
 */
export async function startScriptedServer(
  script: (method: string, path: string) => ScriptedAnswer | null,
  upstream?: string,
): Promise<ScriptedServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    requests.push(`${method} ${path}`);
    const answer = script(method, path);
    if (!answer) {
      if (!upstream) {
        res.writeHead(500).end();
        return;
      }
      const target = new URL(path, upstream);
      const forward = httpRequest(target, { method, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
      return;
    }
    // Read the request body in full first, as servers do before answering.
    req.resume();
    req.on('end', () => {
      if ('stall' in answer) {
        if (answer.stall === 'after-headers') {
          res.writeHead(method === 'PROPFIND' ? 207 : 200, { 'Content-Length': '100000' });
          res.write(method === 'PROPFIND' ? '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">' : '{"format":');
        }
        return; // and nothing more, ever
      }
      if ('hangUp' in answer) {
        if (answer.hangUp === 'mid-body') {
          res.writeHead(200, { 'Content-Length': '100000' });
          res.write('{"format":', () => res.socket?.destroy());
        } else req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
