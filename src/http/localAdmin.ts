/**
 * The server's door for commands of this machine. The embedded database's folder has one owner (src/db/dataDirLock.ts):
 * while the server owns it, `yhdessa backup` may not open it a second time, so it asks the server, which makes the
 * backup itself (PGlite's own dump, taken between transactions after a checkpoint) and sends it back.
 *
 * The door is a Unix socket in a folder only the server's user may enter (<tmpdir>/yhdessa-<uid>, mode 0700, checked),
 * named after DATA_DIR's real path; a request needs the token the server writes beside it (mode 0600), new each
 * start. So only the user who runs the server (or root) can ask, and nothing of it listens on the network.
 *
 * Requests: POST /backup (headers `authorization: Bearer <token>`, `x-yhdessa-user`: who runs the command, for the
 * audit log) → 200 with the gzipped tar, or a status with one line of text saying why not.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { audit } from '../core/audit/auditLog.js';

export interface LocalAdminPaths {
  dir: string;
  socket: string;
  token: string;
}

function uid(): number {
  return process.getuid?.() ?? userInfo().uid;
}

/** Where the server of DATA_DIR listens, and its token. */
export function localAdminPaths(dataDir: string): LocalAdminPaths {
  const dir = join(tmpdir(), `yhdessa-${uid()}`);
  const name = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 20);
  return { dir, socket: join(dir, `${name}.sock`), token: join(dir, `${name}.token`) };
}

/** The folder of sockets: made if missing, and only used when it is this user's own and closed to others. */
function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid())
    throw new Error(`${dir} is not a folder of this user: remove it, or set TMPDIR elsewhere`);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

export interface LocalAdmin {
  readonly paths: LocalAdminPaths;
  close(): Promise<void>;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Starts the door for the database that this process owns in DATA_DIR. */
export async function startLocalAdmin(opts: { database: Database; dataDir: string; log: Log }): Promise<LocalAdmin> {
  const { database: d, log } = opts;
  const paths = localAdminPaths(opts.dataDir);
  privateDir(paths.dir);
  const token = randomBytes(32).toString('hex');
  const tmp = `${paths.token}.${process.pid}`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  renameSync(tmp, paths.token);
  const expected = Buffer.from(`Bearer ${token}`);

  const server: Server = createServer((req, res) => {
    const fail = (status: number, line: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${line}\n`);
    };
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return fail(401, 'the token is not the running server’s: run the command as the user that runs the server');
    if (req.method !== 'POST' || req.url !== '/backup') return fail(404, `unknown request ${req.method} ${req.url}`);
    if (!d.backup) return fail(501, 'this database makes no backup of its own');
    const user = String(req.headers['x-yhdessa-user'] ?? 'unknown user').slice(0, 100);
    void (async () => {
      try {
        await audit(
          d.db,
          { actor: null, actorName: `command line (${user})` },
          {
            action: 'backup.made',
            details: { database: d.kind },
          },
        );
        const bytes = await d.backup!();
        log.info({ bytes: bytes.length }, 'backup made for the command line');
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': bytes.length }).end(bytes);
      } catch (e) {
        log.error({ err: (e as Error).message }, 'backup failed');
        fail(500, `the server could not make the backup: ${(e as Error).message}`);
      }
    })();
  });
  // This process owns DATA_DIR, so a socket left there by an earlier owner (killed) is stale.
  try {
    unlinkSync(paths.socket);
  } catch {
    /* none */
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(paths.socket, 0o600);
  return {
    paths,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const p of [paths.socket, paths.token])
        try {
          unlinkSync(p);
        } catch {
          /* already gone */
        }
    },
  };
}

/** Why the server could not be asked: the one line the command prints. */
export class LocalAdminError extends Error {}

/**
 * Asks the server that owns DATA_DIR for a backup and writes it to `file` (through a temporary name, so a failed
 * backup leaves no file that looks like one). Returns its size in bytes.
 */
export async function backupFromServer(dataDir: string, file: string, serverPid: number): Promise<number> {
  const paths = localAdminPaths(dataDir);
  let token: string;
  try {
    token = readFileSync(paths.token, 'utf8').trim();
  } catch {
    throw new LocalAdminError(
      `The Yhdessä server (pid ${serverPid}) is using ${dataDir}, but its door for commands (${paths.socket}) is not ` +
        'there: wait until it has started, and run this command as the user that runs the server (same TMPDIR).',
    );
  }
  const partial = `${file}.partial-${process.pid}`;
  try {
    const bytes = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          socketPath: paths.socket,
          method: 'POST',
          path: '/backup',
          headers: {
            authorization: `Bearer ${token}`,
            'x-yhdessa-user': process.env.USER ?? userInfo().username,
          },
        },
        (res) => {
          if (res.statusCode !== 200) {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => reject(new LocalAdminError(text.trim() || `the server answered ${res.statusCode}`)));
            return;
          }
          let n = 0;
          const length = Number(res.headers['content-length']);
          const out = createWriteStream(partial, { mode: 0o600 });
          res.on('data', (c: Buffer) => (n += c.length));
          res.pipe(out);
          out.on('finish', () =>
            n === length
              ? resolve(n)
              : reject(new LocalAdminError(`the backup broke off after ${n} of ${length} bytes`)),
          );
          out.on('error', reject);
          res.on('error', reject);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          new LocalAdminError(
            `The Yhdessä server (pid ${serverPid}) is using ${dataDir} but does not answer on ${paths.socket} ` +
              `(${e.code ?? e.message}): is it still starting? Try again in a moment.`,
          ),
        ),
      );
      req.end();
    });
    linkSync(partial, file); // fails if the file appeared meanwhile: never overwritten
    unlinkSync(partial);
    return bytes;
  } catch (e) {
    try {
      unlinkSync(partial);
    } catch {
      /* not written */
    }
    throw e;
  }
}
