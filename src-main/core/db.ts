/**
 * The engine's handle on one DuckDB file: one instance, one connection owned here, every value
 * bound as a parameter. Statements are serialised so that a transaction never interleaves with
 * another caller's statement on the same connection. Extensions are never installed or loaded
 * on demand, and once the start-up settings are made the configuration is locked: no later
 * SET, RESET or PRAGMA (a user's or the engine's) can change it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { DOUBLE, DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { CellValue, ColumnarResult } from '../../src-shared/columnar';
import { toRowObjects } from '../../src-shared/columnar';
import { readerToColumnar } from './values';

export type Params = readonly DuckDBValue[];

/** TALLYBOOK_TRACE=1 prints every statement with its time on stderr (the first TALLYBOOK_TRACE_WIDTH characters, 140 by default). */
const TRACE = Boolean(process.env.TALLYBOOK_TRACE);

export interface OpenOptions {
  readonly readOnly?: boolean;
  /** Further DuckDB settings made at start-up, before the configuration is locked. */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * DuckDB's memory limit: half of the machine's memory (at least 1 GB), leaving the other half
 * to the app, the OS and the user's other programs; larger sorts and joins spill to the temp
 * directory beside the workspace. (A quarter made a 10M-event import spill its staged text:
 * 121 s against 99 s.) TALLYBOOK_MEMORY_LIMIT (e.g. "4GB") overrides it.
 */
export function memoryLimit(total = totalmem(), override = process.env.TALLYBOOK_MEMORY_LIMIT): string {
  if (override && /^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i.test(override.trim())) return override.trim();
  return `${Math.max(1024, Math.floor(total / 2 / 1024 / 1024))}MB`;
}

const isUnsafeInteger = (v: DuckDBValue): boolean => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v);

/**
 * Parameter types where node-api's own choice fails: it binds an integral JS number as INTEGER
 * or BIGINT, which cannot hold 1e308; such a number (past 2^53) binds as the DOUBLE it is.
 * Entries left undefined are inferred by node-api as usual.
 */
function paramTypes(params: Params): DuckDBType[] | undefined {
  return params.some(isUnsafeInteger) ? (params.map((p) => (isUnsafeInteger(p) ? DOUBLE : undefined)) as DuckDBType[]) : undefined;
}

/** A DuckDB instance on the file and its one connection, set up as every Db's is. */
async function connect(path: string, config: Readonly<Record<string, string>>): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path, { ...config });
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  // Progress of the running statement (progress(), for the import's bar), never printed.
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  await conn.run('SET lock_configuration = true');
  return { instance, conn };
}

export class Db {
  private queue: Promise<unknown> = Promise.resolve();
  /** DuckDB stopped after a fatal error (e.g. a full disk): the file must be opened again. */
  invalidated = false;
  /** Set inside exclusive(): nested calls from the same async context run at once. */
  private readonly owner = new AsyncLocalStorage<true>();

  private constructor(
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
    readonly path: string,
    readonly readOnly: boolean,
    /** What DuckDB was opened with (reopen() opens it the same way). */
    private readonly config: Readonly<Record<string, string>>,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Db> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      memory_limit: memoryLimit(),
    };
    if (path !== ':memory:') config.temp_directory = `${path}.tmp`;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    Object.assign(config, options.settings);
    const { instance, conn } = await connect(path, config);
    return new Db(instance, conn, path, options.readOnly ?? false, config);
  }

  /**
   * Closes DuckDB and opens the file again, with no statement in between. After an import of
   * millions of rows, queries ran slower in the DuckDB that wrote them than in one that opened
   * the file afresh (at 10M events: dashboard KPIs 250 -> 157 ms, engagement 175 -> 105 ms);
   * neither a new connection nor FORCE CHECKPOINT helped. A failure to open leaves the Db
   * invalidated: the workspace must be opened again.
   */
  async reopen(): Promise<void> {
    if (this.path === ':memory:') return;
    await this.exclusive(async () => {
      this.conn.closeSync();
      this.instance.closeSync();
      try {
        ({ instance: this.instance, conn: this.conn } = await connect(this.path, this.config));
      } catch (e) {
        this.invalidated = true;
        throw e;
      }
    });
  }

  /** Runs fn with the connection to itself (no other statement in between). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.owner.getStore()) return fn();
    const guarded = () => this.owner.run(true, fn);
    const next = this.queue.then(guarded, guarded);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async raw(sql: string, params?: Params) {
    const types = params && paramTypes(params);
    const start = TRACE ? performance.now() : 0;
    try {
      return await this.conn.runAndReadAll(sql, params ? [...params] : undefined, types);
    } catch (e) {
      throw this.fatal(e);
    } finally {
      if (TRACE) process.stderr.write(`[sql ${(performance.now() - start).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.TALLYBOOK_TRACE_WIDTH ?? 140))}\n`);
    }
  }

  /**
   * After a fatal error DuckDB refuses every statement until the file is opened again: the Db
   * says so (`invalidated`), and a full disk, the usual cause, becomes a user error.
   */
  private fatal(e: unknown): unknown {
    const message = e instanceof Error ? e.message : String(e);
    if (/FATAL Error|database has been invalidated/i.test(message)) this.invalidated = true;
    if (!/No space left on device/i.test(message)) return e;
    this.invalidated = true;
    return new UserError(
      'disk_full',
      `the disk holding ${basename(this.path)} is full: Tallybook stopped writing to it, and what it held before is kept`,
      `free some space on that disk (imports need room for the data and for temporary files beside the workspace), then open the workspace again; full path: ${this.path}`,
    );
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.exclusive(() => this.raw(sql, params));
  }

  async columnar(sql: string, params?: Params): Promise<ColumnarResult> {
    return this.exclusive(async () => readerToColumnar(await this.raw(sql, params)));
  }

  /** Row objects: for small results only (catalog lookups, presets, CLI output). */
  async rows(sql: string, params?: Params): Promise<Record<string, CellValue>[]> {
    return toRowObjects(await this.columnar(sql, params));
  }

  async value(sql: string, params?: Params): Promise<CellValue> {
    const r = await this.columnar(sql, params);
    return r.rowCount > 0 ? (r.data[0]?.[0] ?? null) : null;
  }

  /** BEGIN … COMMIT around fn; ROLLBACK on any error, which is rethrown. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.raw('BEGIN TRANSACTION');
      try {
        const result = await fn();
        await this.raw('COMMIT');
        return result;
      } catch (e) {
        await this.raw('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  /** The DuckDB statement type of each statement in sql (parsed and bound, not run). */
  async statementTypes(sql: string): Promise<number[]> {
    return this.exclusive(async () => {
      const extracted = await this.conn.extractStatements(sql);
      const types: number[] = [];
      for (let i = 0; i < extracted.count; i++) {
        const prepared = await extracted.prepare(i);
        types.push(prepared.statementType);
        prepared.destroySync();
      }
      return types;
    });
  }

  /** Fraction of the running query done, or -1 when DuckDB cannot tell. */
  progress(): number {
    const p = this.conn.progress;
    return p.percentage >= 0 ? p.percentage / 100 : -1;
  }

  /** Stops the running statement; it fails with an "interrupted" error. */
  interrupt(): void {
    this.conn.interrupt();
  }

  closeSync(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

export function isInterrupted(e: unknown): boolean {
  return e instanceof Error && /interrupt/i.test(e.message);
}
