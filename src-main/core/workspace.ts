/**
 * A workspace is one DuckDB file: datasets (one table each, queryable by name) plus the
 * `tallybook` schema holding the catalog, import history, rejected rows and saved items.
 *
 * Opening never makes things worse: one writer per file (DuckDB's lock across processes, a claim
 * within this one); a file another process writes opens read-only only as a snapshot copy; a file
 * or WAL DuckDB cannot read is moved aside (never deleted) and reported as damaged, with the way
 * to rebuild it from its sources.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DatasetInfo, DatasetKind, WorkspaceSettings } from '../../src-shared/datasets';
import { UserError } from '../../src-shared/errors';
import { Db } from './db';
import { CATALOG_VERSION, MIGRATIONS } from './catalog/migrations';
import { quoteIdent } from './identifiers';
import { tempCopy, type TempCopy } from './recovery/file-copy';
import { claimInProcess } from './recovery/in-process-claims';
import { classifyOpenFailure, firstLine, headerFailure, isDamage, looksLikeWorkspace } from './recovery/open-failure';
import { setAside } from './recovery/set-aside';

export interface WorkspaceOptions {
  /** Create the file when it does not exist (import, demo). */
  readonly create?: boolean;
  /** Read only; when another process is writing the file, a snapshot copy of it is opened. */
  readonly readOnly?: boolean;
  /** Apply migrations only up to this version (tests of older workspaces). */
  readonly migrateTo?: number;
  /** DuckDB settings made at start-up, before the configuration is locked (tests). */
  readonly settings?: Readonly<Record<string, string>>;
}

const DEFAULT_SETTINGS: WorkspaceSettings = { timeZone: 'UTC', weekStart: 'monday', currency: 'USD' };

function lockedError(path: string, holder: string | null): UserError {
  return new UserError(
    'locked',
    `workspace ${path} is open for writing in another process${holder ? ` (${holder})` : ''}`,
    'close the other Tallybook window or command, or open it read-only (a snapshot as of its last save; on the command line: --read-only)',
  );
}

/** Moves a damaged workspace aside (unless opened read-only) and says what happened and what to do. */
function damagedError(path: string, full: string, reason: string, readOnly: boolean): UserError {
  const rebuild = `tallybook rebuild -w ${path}`;
  if (readOnly) {
    return new UserError('damaged', `workspace ${path} is damaged (${reason})`, `open it without --read-only to move it aside, then rebuild it from its sources: ${rebuild}`);
  }
  let moved;
  try {
    moved = setAside(full);
  } catch (e) {
    return new UserError('damaged', `workspace ${path} is damaged (${reason}) and could not be moved aside (${firstLine(e)})`, `move it away yourself, then rebuild it from its sources: ${rebuild}`);
  }
  const where = `${basename(moved.file)}${moved.wal ? ` (and its WAL to ${basename(moved.wal)})` : ''}`;
  return new UserError(
    'damaged',
    `workspace ${path} is damaged (${reason}); it was moved aside to ${where}, nothing was deleted`,
    `rebuild it from its source files: ${rebuild}`,
    `${rebuild} --from ${moved.file}`,
  );
}

export class Workspace {
  private constructor(
    readonly db: Db,
    readonly path: string,
    /** The temp copy being read when the file itself is held by another process. */
    private readonly copy: TempCopy | null,
    private readonly release: () => void,
  ) {}

  /** True when this is a read-only snapshot of a workspace another process is writing. */
  get snapshot(): boolean {
    return this.copy !== null;
  }

  static async open(path: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const full = resolve(path);
    if (!existsSync(full) && !options.create) {
      throw new UserError('not_found', `workspace ${path} does not exist`, 'create it with `tallybook import -w FILE …` or `tallybook demo -w FILE`');
    }
    const readOnly = options.readOnly ?? false;
    const release = claimInProcess(full, readOnly);
    if (!release) throw new UserError('locked', `workspace ${path} is already open in this Tallybook`, 'use the open one, or close it first');
    let ws: Workspace;
    try {
      ws = await Workspace.connect(path, full, readOnly, release, options.settings);
    } catch (e) {
      release();
      throw e;
    }
    try {
      await ws.migrate(options.migrateTo ?? CATALOG_VERSION);
    } catch (e) {
      ws.closeSync();
      if (isDamage(e) && !ws.snapshot && looksLikeWorkspace(full)) throw damagedError(path, full, firstLine(e), readOnly);
      throw e;
    }
    return ws;
  }

  private static async connect(path: string, full: string, readOnly: boolean, release: () => void, settings?: Readonly<Record<string, string>>): Promise<Workspace> {
    let failure = headerFailure(full);
    if (!failure) {
      try {
        return new Workspace(await Db.open(full, { readOnly, ...(settings ? { settings } : {}) }), full, null, release);
      } catch (e) {
        failure = classifyOpenFailure(e);
      }
    }
    if (failure.kind === 'locked') {
      if (!readOnly) throw lockedError(path, failure.holder);
      return Workspace.openSnapshot(path, full, release);
    }
    if (failure.kind === 'damaged' && looksLikeWorkspace(full)) throw damagedError(path, full, failure.reason, readOnly);
    throw new UserError('unreadable_file', `cannot open workspace ${path}: ${failure.reason}`, 'check that it is a Tallybook (DuckDB) file and that you may read it');
  }

  /** Reads a copy of the file (never its WAL, which the other process owns) as of its last checkpoint. */
  private static async openSnapshot(path: string, full: string, release: () => void): Promise<Workspace> {
    let copy: TempCopy;
    try {
      copy = tempCopy(full);
    } catch (e) {
      throw new UserError('locked', `workspace ${path} is open for writing in another process, and a snapshot of it could not be copied (${firstLine(e)})`, 'close the other Tallybook window or command first');
    }
    try {
      return new Workspace(await Db.open(copy.path, { readOnly: true }), full, copy, release);
    } catch (e) {
      copy.dispose();
      throw new UserError('locked', `workspace ${path} is open for writing in another process, and a snapshot of it could not be read (${firstLine(e)})`, 'try again in a moment, or close the other Tallybook window or command');
    }
  }

  /** The catalog version this file is at (0 for a new file). */
  async catalogVersion(): Promise<number> {
    const hasMeta = await this.db.value(
      `SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'tallybook' AND table_name = 'meta'`,
    );
    if (hasMeta === 0) return 0;
    const v = await this.db.value(`SELECT value FROM tallybook.meta WHERE key = 'catalog_version'`);
    return v === null ? 0 : Number(v);
  }

  private async migrate(target: number): Promise<void> {
    const current = await this.catalogVersion();
    if (current > CATALOG_VERSION) {
      throw new UserError('conflict', `workspace ${this.path} was written by a newer Tallybook (catalog v${current})`, 'update Tallybook to open it');
    }
    const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
    if (pending.length === 0) return;
    if (this.db.readOnly) {
      throw new UserError('read_only', `workspace ${this.path} needs an upgrade (v${current} → v${target}) but is open read-only`, 'open it once without --read-only');
    }
    await this.db.transaction(async () => {
      for (const m of pending) {
        for (const sql of m.statements) await this.db.run(sql);
      }
      await this.db.run(
        `INSERT OR REPLACE INTO tallybook.meta VALUES ('catalog_version', ?)`,
        [String(pending[pending.length - 1]!.version)],
      );
    });
  }

  async datasetNames(): Promise<string[]> {
    const rows = await this.db.rows(`SELECT name FROM tallybook.datasets ORDER BY name`);
    return rows.map((r) => String(r.name));
  }

  async hasDataset(name: string): Promise<boolean> {
    return (await this.db.value(`SELECT count(*) FROM tallybook.datasets WHERE name = ?`, [name])) !== 0;
  }

  /** Columns of a dataset's table, in order. */
  async columns(name: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.db.rows(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index`,
      [name],
    );
    return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
  }

  async dataset(name: string): Promise<DatasetInfo> {
    if (typeof name !== 'string') throw new UserError('bad_request', `a dataset is named by text, not ${JSON.stringify(name) ?? 'nothing'}`, 'e.g. "dataset": "events"');
    const rows = await this.db.rows(`SELECT name, kind, time_column, version FROM tallybook.datasets WHERE name = ?`, [name]);
    const row = rows[0];
    if (!row) {
      const names = await this.datasetNames();
      throw new UserError(
        'not_found',
        `no dataset named "${name}" in ${this.path}`,
        names.length ? `datasets here: ${names.join(', ')}` : 'this workspace has no datasets yet: import some files first',
      );
    }
    const timeColumn = row.time_column === null ? null : String(row.time_column);
    const [lo, hi] = timeColumn === null ? ['NULL', 'NULL'] : [`min(${quoteIdent(timeColumn)})`, `max(${quoteIdent(timeColumn)})`];
    const [stats] = await this.db.rows(`SELECT count(*) AS n, ${lo} AS lo, ${hi} AS hi FROM ${quoteIdent(name)}`);
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      name,
      kind: String(row.kind) as DatasetKind,
      timeColumn,
      columns: await this.columns(name),
      version: Number(row.version),
      rowCount: Number(stats?.n ?? 0),
      minTime: text(stats?.lo),
      maxTime: text(stats?.hi),
    };
  }

  async datasets(): Promise<DatasetInfo[]> {
    const out: DatasetInfo[] = [];
    for (const name of await this.datasetNames()) out.push(await this.dataset(name));
    return out;
  }

  /** A JSON value stored with the workspace (settings, UI state such as filter bars). */
  async getValue(key: string): Promise<unknown> {
    const v = await this.db.value(`SELECT value::VARCHAR FROM tallybook.settings WHERE key = ?`, [key]);
    return v === null ? undefined : (JSON.parse(String(v)) as unknown);
  }

  async setValue(key: string, value: unknown): Promise<void> {
    if (this.db.readOnly) throw new UserError('read_only', `workspace ${this.path} is open read-only`);
    await this.db.run(`INSERT OR REPLACE INTO tallybook.settings VALUES (?, ?)`, [key, JSON.stringify(value ?? null)]);
  }

  async settings(): Promise<WorkspaceSettings> {
    const stored = await this.getValue('settings');
    const s = stored && typeof stored === 'object' ? (stored as Partial<WorkspaceSettings>) : {};
    return {
      timeZone: typeof s.timeZone === 'string' ? s.timeZone : DEFAULT_SETTINGS.timeZone,
      weekStart: s.weekStart === 'sunday' ? 'sunday' : 'monday',
      currency: typeof s.currency === 'string' && /^[A-Z]{3}$/.test(s.currency) ? s.currency : DEFAULT_SETTINGS.currency,
    };
  }

  /** Read-modify-write of the settings, one at a time so that quick successive patches all land. */
  updateSettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
    const run = this.settingsQueue.then(() => this.applySettings(patch));
    this.settingsQueue = run.catch(() => undefined);
    return run;
  }

  private settingsQueue: Promise<unknown> = Promise.resolve();

  private async applySettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
    const next = { ...(await this.settings()), ...patch };
    const zone = await this.db.value(`SELECT count(*) FROM pg_timezone_names() WHERE name = ?`, [next.timeZone]);
    if (zone === 0) throw new UserError('bad_request', `unknown time zone "${next.timeZone}"`, 'use an IANA name such as UTC or Europe/Stockholm');
    if (next.weekStart !== 'monday' && next.weekStart !== 'sunday') throw new UserError('bad_request', 'week start must be monday or sunday');
    if (!/^[A-Z]{3}$/.test(next.currency)) throw new UserError('bad_request', `currency must be a three-letter ISO code such as USD, not "${next.currency}"`);
    await this.setValue('settings', next);
    return next;
  }

  closeSync(): void {
    try {
      this.db.closeSync();
    } finally {
      this.copy?.dispose();
      this.release();
    }
  }
}
