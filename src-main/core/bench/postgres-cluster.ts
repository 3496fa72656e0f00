/**
 * A throwaway PostgreSQL cluster for the bench: initdb (trust, UTF8, C collation so text sorts
 * bytewise as in DuckDB) in a folder of its own, a free loopback port, the unix socket in that
 * folder, UTC, and memory as PostgreSQL's own tuning advice has it (shared_buffers a quarter of
 * the machine's memory, generous work_mem) so neither side is starved. wal_level=minimal lets a table created and
 * loaded in one transaction skip the WAL, PostgreSQL's usual bulk-load setting. stop() stops
 * the server and removes the folder, whatever state start() reached.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { PgAccount, PgServer } from './postgres-binaries';
import { PsqlSession } from './postgres-psql';

/** The cluster's superuser (trust authentication, loopback and socket only). */
const SUPERUSER = 'tallybook';

/** A quarter of the machine's memory in MB, at least 128 (PostgreSQL's usual shared_buffers). */
export function sharedBuffersMb(total = totalmem()): number {
  return Math.max(128, Math.floor(total / 4 / 2 ** 20));
}

/** postgresql.conf lines for the bench cluster. */
export function clusterSettings(port: number, socketDir: string, total = totalmem()): string {
  const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = ${quoted(socketDir)}`,
    `timezone = 'UTC'`,
    `shared_buffers = '${sharedBuffersMb(total)}MB'`,
    `work_mem = '256MB'`,
    `maintenance_work_mem = '1GB'`,
    `wal_level = minimal`,
    `max_wal_senders = 0`,
    `max_wal_size = '4GB'`,
    '',
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Runs a program to its end (as `account` when given); rejects with its output on failure. */
function runProgram(cmd: string, args: readonly string[], cwd: string, account?: PgAccount): Promise<void> {
  return new Promise((resolve, reject) => {
    const ids = account ? { uid: account.uid, gid: account.gid } : {};
    const proc = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' }, ...ids });
    let output = '';
    proc.stdout.on('data', (b: Buffer) => void (output += b.toString()));
    proc.stderr.on('data', (b: Buffer) => void (output += b.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${output.trim().slice(-2000)}`))));
  });
}

export class PgCluster {
  private started = false;

  private constructor(
    private readonly server: PgServer,
    /** The cluster's folder: data/, server.log and the socket. */
    readonly root: string,
    readonly port: number,
  ) {}

  private get data(): string {
    return join(this.root, 'data');
  }

  /** Creates and starts a cluster in `root` (which must not exist; its parent must). */
  static async start(server: PgServer, root: string): Promise<PgCluster> {
    const cluster = new PgCluster(server, root, await freePort());
    try {
      await cluster.init();
      return cluster;
    } catch (e) {
      await cluster.stop();
      throw e;
    }
  }

  private async init(): Promise<void> {
    const { bin, account } = this.server;
    mkdirSync(this.root);
    if (account) {
      chmodSync(dirname(this.root), 0o711); // the server account may pass through, not list
      chownSync(this.root, account.uid, account.gid);
    }
    await runProgram(bin.initdb, ['-D', this.data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync'], this.root, account);
    appendFileSync(join(this.data, 'postgresql.conf'), clusterSettings(this.port, this.root));
    this.started = true;
    const log = join(this.root, 'server.log');
    await runProgram(bin.pgCtl, ['start', '-D', this.data, '-l', log, '-w', '-t', '120', '-s'], this.root, account).catch((e: Error) => {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().slice(-2000) : '';
      throw new Error(`${e.message}\n${tail}`);
    });
  }

  /** A psql session as the superuser over the unix socket. */
  connect(): PsqlSession {
    return PsqlSession.open({ psql: this.server.bin.psql, socketDir: this.root, port: this.port, user: SUPERUSER });
  }

  /** Stops the server (fast, then immediate) and removes the cluster's folder. */
  async stop(): Promise<void> {
    try {
      if (this.started) {
        const stop = (mode: string) => runProgram(this.server.bin.pgCtl, ['stop', '-D', this.data, '-m', mode, '-w', '-s'], this.root, this.server.account);
        await stop('fast').catch(() => stop('immediate')).catch(() => undefined);
      }
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}
