/**
 * One long-lived psql on a pipe, so that statements are timed without a process start each:
 * every script sent is followed by `\echo <marker>`, and psql's own `\timing` gives each
 * statement's round trip (sent, executed, result received). Rows come unaligned, fields split by
 * U+001F and NULL printed as U+001E, so text cells are never confused with NULL. ON_ERROR_STOP
 * makes psql exit at the first error, which fails the pending script with the server's message.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export interface PsqlTarget {
  readonly psql: string;
  /** The directory of the server's unix socket. */
  readonly socketDir: string;
  readonly port: number;
  readonly user: string;
}

export type PgCell = string | null;

export interface PsqlAnswer {
  /** Rows printed by the script's statements, in order. */
  readonly rows: PgCell[][];
  /** Sum of psql's `Time:` lines for the script's statements. */
  readonly ms: number;
}

const FIELD = '\u001f';
const NULL = '\u001e';
const TIME_LINE = /^Time: ([0-9.]+) ms/;

interface Pending {
  readonly resolve: (a: PsqlAnswer) => void;
  readonly reject: (e: Error) => void;
}

export class PsqlSession {
  private readonly marker = `__tallybook_${randomUUID()}__`;
  private out = '';
  private err = '';
  private pending: Pending | null = null;
  private exited: Error | null = null;
  private readonly done: Promise<void>;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8').on('data', (s: string) => this.onOut(s));
    proc.stderr.setEncoding('utf8').on('data', (s: string) => void (this.err += s));
    proc.stdin.on('error', () => undefined); // a dead psql is reported by 'close'
    this.done = new Promise((resolve) => {
      const end = (why: string) => {
        this.exited ??= new Error(`psql ${why}: ${this.err.trim() || 'no message'}`);
        this.pending?.reject(this.exited);
        this.pending = null;
        resolve();
      };
      proc.on('close', (code) => end(`exited with ${code}`));
      proc.on('error', (e) => end(`failed to start (${e.message})`));
    });
  }

  static open(t: PsqlTarget): PsqlSession {
    const args = ['-X', '-q', '-A', '-t', '-F', FIELD, '-P', `null=${NULL}`, '-v', 'ON_ERROR_STOP=1', '-h', t.socketDir, '-p', String(t.port), '-U', t.user, '-d', 'postgres'];
    const session = new PsqlSession(spawn(t.psql, args, { stdio: 'pipe', env: { ...process.env, PGCLIENTENCODING: 'UTF8' } }));
    session.proc.stdin.write('\\timing on\n');
    return session;
  }

  /** Runs a script (SQL ending in `;`, or psql meta-commands on their own lines). */
  run(script: string): Promise<PsqlAnswer> {
    if (this.exited) return Promise.reject(this.exited);
    if (this.pending) return Promise.reject(new Error('psql: one script at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.proc.stdin.write(`${script}\n\\echo ${this.marker}\n`);
    });
  }

  /** Ends the session and waits for psql to exit. */
  async close(): Promise<void> {
    if (!this.exited) this.proc.stdin.end('\\q\n');
    await this.done;
  }

  private onOut(chunk: string): void {
    this.out += chunk;
    const end = this.out.indexOf(`${this.marker}\n`);
    if (end < 0 || !this.pending) return;
    const lines = this.out.slice(0, end).split('\n').slice(0, -1);
    this.out = this.out.slice(end + this.marker.length + 1);
    let ms = 0;
    const rows: PgCell[][] = [];
    for (const line of lines) {
      const time = TIME_LINE.exec(line);
      if (time) ms += Number(time[1]);
      else rows.push(line.split(FIELD).map((v) => (v === NULL ? null : v)));
    }
    const { resolve } = this.pending;
    this.pending = null;
    resolve({ rows, ms });
  }
}
