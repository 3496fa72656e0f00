/**
 * `tallybook bench --vs postgres`: in `dir/postgres` a throwaway cluster is started, the bench's
 * events file loaded (timed: copy, shape, keys, indexes, VACUUM ANALYZE) and each events
 * question run warm — one unmeasured run, then the median of `runs` psql `\timing` round trips,
 * as the engine's are measured. The cluster is stopped and removed in any case. The jobs
 * questions are not run: seed 004's table holds events only.
 */
import { join } from 'node:path';
import type { PgServer } from './postgres-binaries';
import { PgCluster } from './postgres-cluster';
import { loadScript, pgRow, PG_QUERIES } from './postgres-queries';
import type { PsqlSession } from './postgres-psql';
import { sameRows, type Row } from './same-answer';
import { median, timed } from './timing';

export interface PostgresQueryResult {
  name: string;
  ms: number;
  /** PostgreSQL's answer equals the raw-DuckDB answer (counts exactly, percentiles within 1e-9). */
  same: boolean;
}

export interface PostgresBenchResult {
  /** Seconds from the first byte copied to the end of VACUUM ANALYZE. */
  load_s: number;
  queries: PostgresQueryResult[];
}

export interface PostgresAnswers {
  readonly load_s: number;
  /** Rows in the table after the load (consent-refused events dropped). */
  readonly loaded: number;
  readonly queries: readonly { readonly name: string; readonly ms: number; readonly rows: Row[] }[];
}

export interface PostgresBenchOptions {
  readonly runs: number;
  readonly say?: (line: string) => void;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

async function measure(session: PsqlSession, eventsFile: string, opts: PostgresBenchOptions): Promise<PostgresAnswers> {
  const say = opts.say ?? (() => undefined);
  say('PostgreSQL: loading the events file into analytics_events_raw');
  const load = await timed(() => session.run(loadScript(eventsFile)));
  const loaded = Number(load.value.rows.at(-1)?.[0]);
  const queries: PostgresAnswers['queries'][number][] = [];
  for (const q of PG_QUERIES) {
    say(`PostgreSQL query: ${q.name}`);
    const sql = `${q.sql};`;
    let answer = await session.run(sql);
    const times: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      answer = await session.run(sql);
      times.push(answer.ms);
    }
    queries.push({ name: q.name, ms: round(median(times), 1), rows: answer.rows.map((r) => pgRow(r, q.cells)) });
  }
  return { load_s: round(load.ms / 1000, 3), loaded, queries };
}

/** Starts a cluster in dir/postgres, loads and queries it, and always stops and removes it. */
export async function measurePostgres(server: PgServer, dir: string, eventsFile: string, opts: PostgresBenchOptions): Promise<PostgresAnswers> {
  opts.say?.('PostgreSQL: starting a throwaway cluster');
  const cluster = await PgCluster.start(server, join(dir, 'postgres'));
  let session: PsqlSession | null = null;
  try {
    session = cluster.connect();
    return await measure(session, eventsFile, opts);
  } finally {
    await session?.close();
    await cluster.stop();
  }
}

/** A raw-DuckDB answer and how to compare with it (see BenchQuery). */
export interface RawAnswer {
  readonly rows: readonly Row[];
  readonly ordered: boolean;
  readonly tolerance?: number;
}

/**
 * Each PostgreSQL answer against the raw-DuckDB answer of the same name: in order or as sets as
 * that query says; its percentiles (where it has a tolerance) within 1e-9 relative.
 */
export function comparedWithRaw(pg: PostgresAnswers, raw: ReadonlyMap<string, RawAnswer>): PostgresBenchResult {
  return {
    load_s: pg.load_s,
    queries: pg.queries.map((q) => {
      const r = raw.get(q.name);
      if (!r) throw new Error(`bench: no raw-DuckDB answer named ${q.name}`);
      return { name: q.name, ms: q.ms, same: sameRows(q.rows, r.rows, r.ordered, r.tolerance ? 1e-9 : 0) };
    }),
  };
}

/** The whole PostgreSQL part of the bench; a failure there is said and leaves the rest standing. */
export async function benchPostgres(
  server: PgServer,
  dir: string,
  eventsFile: string,
  raw: ReadonlyMap<string, RawAnswer>,
  opts: PostgresBenchOptions,
): Promise<PostgresBenchResult | undefined> {
  try {
    return comparedWithRaw(await measurePostgres(server, dir, eventsFile, opts), raw);
  } catch (e) {
    opts.say?.(`PostgreSQL part failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
