/**
 * `tallybook bench` (issue 5, first step: measure only). In a fresh temp folder: writes N
 * events and a jobs export, times DuckDB's own CREATE TABLE … AS SELECT * FROM read_ndjson on
 * the events file (the floor) and Tallybook's import of the same file, then each dashboard
 * query warm (median of `runs` after one warm-up) through the engine and as raw SQL, and says
 * whether both answers are the same. With `postgres`, the events questions are then also run on
 * a throwaway PostgreSQL cluster (postgres.ts) and checked against the raw answers. The folder
 * is removed afterwards (unless `keep`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../db';
import { importFiles } from '../import/importer';
import { Workspace } from '../workspace';
import { writeBenchFiles, type BenchFiles } from './generate';
import { benchPostgres, type PostgresBenchResult, type RawAnswer } from './postgres';
import type { PgServer } from './postgres-binaries';
import { BENCH_QUERIES } from './queries';
import { sameRows } from './same-answer';
import { timed, warmMedian } from './timing';
import { benchTransport, type TransportResult } from './transport';

export const DEFAULT_BENCH_EVENTS = 10_000_000;

export interface BenchQueryResult {
  name: string;
  ms: number;
  raw_ms: number;
  /** The engine's answer equals the raw-SQL answer. */
  same: boolean;
}

export interface BenchResult {
  events: number;
  import_s: number;
  duckdb_import_s: number;
  queries: BenchQueryResult[];
  /** Bytes and ms of the large answers that cross the door (transport.ts). */
  transport: TransportResult[];
  /** Opening the workspace afresh and answering the Events dashboard's questions once (ms). */
  cold_dashboard_ms: number;
  rss_mb: number;
  /** Only with `postgres`, and only when that part ran to its end. */
  postgres?: PostgresBenchResult;
}

export interface BenchOptions {
  readonly events?: number;
  /** Measured runs per query after one warm-up (default 5). */
  readonly runs?: number;
  /** One line of progress (no newline). */
  readonly onProgress?: (line: string) => void;
  /** Keep the temp folder (files, raw.duckdb, bench.tallybook) instead of removing it. */
  readonly keep?: boolean;
  /** Also run the events questions on a throwaway cluster of this PostgreSQL server. */
  readonly postgres?: PgServer;
}

const sq = (path: string) => `'${path.replaceAll("'", "''")}'`;
const round = (x: number, digits: number) => Number(x.toFixed(digits));

async function rawTables(dir: string, files: BenchFiles): Promise<{ db: Db; seconds: number }> {
  const db = await Db.open(join(dir, 'raw.duckdb'));
  const { ms } = await timed(() => db.run(`CREATE TABLE raw_events AS SELECT * FROM read_ndjson(${sq(files.events)})`));
  await db.run(`CREATE TABLE raw_jobs AS SELECT * FROM read_ndjson(${sq(files.jobs)})`);
  return { db, seconds: ms / 1000 };
}

async function tallybookImport(dir: string, files: BenchFiles): Promise<{ ws: Workspace; seconds: number }> {
  const ws = await Workspace.open(join(dir, 'bench.tallybook'), { create: true });
  const { ms } = await timed(() => importFiles(ws, { dataset: 'events', paths: [files.events], kind: 'events' }));
  await importFiles(ws, { dataset: 'jobs', paths: [files.jobs], kind: 'jobs' });
  return { ws, seconds: ms / 1000 };
}

/** The Events dashboard's questions among the bench's: its KPIs, volume, engagement, latency, top lists. */
const DASHBOARD = new Set(['KPIs, last 30 days vs the 30 before', 'daily counts by event', 'p95 latency_ms per day', 'DAU/WAU/MAU, last 30 days', 'top 10 users']);

/**
 * What a user waits for, on the engine's side, between opening a workspace and the Events
 * dashboard's panels: opening it (catalog, settings) and each of its questions once, cold (one
 * after another, as the engine's one connection runs them).
 */
async function coldDashboard(path: string): Promise<number> {
  const { ms } = await timed(async () => {
    const ws = await Workspace.open(path);
    try {
      const questions = BENCH_QUERIES.filter((q) => DASHBOARD.has(q.name));
      if (questions.length !== DASHBOARD.size) throw new Error('the Events dashboard questions are not all among the bench queries');
      for (const q of questions) await q.engine(ws);
    } finally {
      ws.closeSync();
    }
  });
  return ms;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchResult> {
  const events = opts.events ?? DEFAULT_BENCH_EVENTS;
  const runs = opts.runs ?? 5;
  const say = opts.onProgress ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'tallybook-bench-'));
  let db: Db | null = null;
  let ws: Workspace | null = null;
  try {
    say(`writing ${events} events and the jobs export to ${dir}`);
    const scratch = await Db.open(':memory:');
    const files = await writeBenchFiles(scratch, dir, events).finally(() => scratch.closeSync());
    say('DuckDB: CREATE TABLE AS SELECT * FROM read_ndjson (the floor)');
    const floor = await rawTables(dir, files);
    db = floor.db;
    say('Tallybook: importing the events file');
    const imported = await tallybookImport(dir, files);
    ws = imported.ws;
    const queries: BenchQueryResult[] = [];
    const rawAnswers = new Map<string, RawAnswer>();
    for (const q of BENCH_QUERIES) {
      say(`query: ${q.name}`);
      const engine = await warmMedian(() => q.engine(imported.ws), runs);
      const raw = await warmMedian(() => q.raw(floor.db), runs);
      queries.push({ name: q.name, ms: round(engine.ms, 1), raw_ms: round(raw.ms, 1), same: sameRows(engine.value, raw.value, q.ordered, q.tolerance) });
      rawAnswers.set(q.name, { rows: raw.value, ordered: q.ordered, tolerance: q.tolerance });
    }
    say('transport: a deep grid page and a week of minutes');
    const transport = await benchTransport(imported.ws, events, runs);
    ws.closeSync();
    ws = null;
    db.closeSync();
    db = null;
    say('cold: opening the workspace and answering the Events dashboard');
    const coldMs = await coldDashboard(join(dir, 'bench.tallybook'));
    const postgres = opts.postgres ? await benchPostgres(opts.postgres, dir, files.events, rawAnswers, { runs, say }) : undefined;
    return {
      events,
      import_s: round(imported.seconds, 3),
      duckdb_import_s: round(floor.seconds, 3),
      queries,
      transport,
      cold_dashboard_ms: round(coldMs, 1),
      rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
      ...(postgres && { postgres }),
    };
  } finally {
    ws?.closeSync();
    db?.closeSync();
    if (opts.keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
