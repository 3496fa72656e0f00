/** `tallybook bench`: times import and dashboard queries against DuckDB's own floor, and optionally PostgreSQL (issue 5). */
import type { ColumnarResult } from '../../../src-shared/columnar';
import { locatePostgres, type PgServer } from '../../core/bench/postgres-binaries';
import { DEFAULT_BENCH_EVENTS, runBench, type BenchResult } from '../../core/bench/run-bench';
import { JSON_FLAG, oneOf, positiveInt, type Command } from '../command';
import type { Io } from '../io';
import { renderJson, renderTable } from '../format';

const ratioOf = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(2)) : null);

function queryTable(r: BenchResult): ColumnarResult {
  const columns = [
    { name: 'query', type: 'VARCHAR' },
    { name: 'engine ms', type: 'DOUBLE' },
    { name: 'raw SQL ms', type: 'DOUBLE' },
    { name: 'engine / raw', type: 'DOUBLE' },
    { name: 'same answer', type: 'VARCHAR' },
  ];
  const data: (string | number | null)[][] = [
    r.queries.map((q) => q.name),
    r.queries.map((q) => q.ms),
    r.queries.map((q) => q.raw_ms),
    r.queries.map((q) => ratioOf(q.ms, q.raw_ms)),
    r.queries.map((q) => (q.same ? 'yes' : 'NO')),
  ];
  if (r.postgres) {
    const pg = r.queries.map((q) => r.postgres?.queries.find((p) => p.name === q.name));
    columns.push({ name: 'PostgreSQL ms', type: 'DOUBLE' }, { name: 'PG / engine', type: 'DOUBLE' }, { name: 'PG same', type: 'VARCHAR' });
    data.push(
      pg.map((p) => p?.ms ?? null),
      pg.map((p, i) => (p ? ratioOf(p.ms, r.queries[i]!.ms) : null)),
      pg.map((p) => (p ? (p.same ? 'yes' : 'NO') : null)),
    );
  }
  return { columns, data, rowCount: r.queries.length };
}

function report(r: BenchResult): string {
  const ratio = ratioOf(r.import_s, r.duckdb_import_s) ?? '–';
  const pgLoad = r.postgres && `PostgreSQL load: ${r.postgres.load_s} s vs ${r.import_s} s (Tallybook import) — ratio ${ratioOf(r.postgres.load_s, r.import_s) ?? '–'}`;
  return [
    `${r.events} events`,
    `import: ${r.import_s} s (Tallybook) vs ${r.duckdb_import_s} s (DuckDB read_ndjson) — ratio ${ratio}`,
    ...(pgLoad ? [pgLoad] : []),
    `peak RSS: ${r.rss_mb} MB`,
    `opening the workspace and answering the Events dashboard, cold: ${r.cold_dashboard_ms} ms`,
    '',
    renderTable(queryTable(r)),
    '',
    renderTable(transportTable(r)),
  ].join('\n');
}

function transportTable(r: BenchResult): ColumnarResult {
  return {
    columns: [
      { name: 'answer', type: 'VARCHAR' },
      { name: 'rows', type: 'BIGINT' },
      { name: 'JSON bytes', type: 'BIGINT' },
      { name: 'wire bytes', type: 'BIGINT' },
      { name: 'IPC bytes plain', type: 'BIGINT' },
      { name: 'IPC bytes', type: 'BIGINT' },
      { name: 'IPC ms plain', type: 'DOUBLE' },
      { name: 'IPC ms', type: 'DOUBLE' },
      { name: 'engine ms', type: 'DOUBLE' },
    ],
    data: [
      r.transport.map((x) => x.name),
      r.transport.map((x) => x.rows),
      r.transport.map((x) => x.json_bytes),
      r.transport.map((x) => x.wire_bytes),
      r.transport.map((x) => x.ipc_plain_bytes),
      r.transport.map((x) => x.ipc_bytes),
      r.transport.map((x) => x.ipc_plain_ms),
      r.transport.map((x) => x.ipc_ms),
      r.transport.map((x) => x.ms),
    ],
    rowCount: r.transport.length,
  };
}

/** The PostgreSQL server to compare with, or undefined after saying in one line why there is none. */
function postgresServer(io: Io): PgServer | undefined {
  const where = locatePostgres();
  if ('found' in where) return where.found;
  io.err(`bench: --vs postgres skipped: ${where.missing}\n`);
  return undefined;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark import and dashboard queries against plain DuckDB (and PostgreSQL)',
  usage: 'bench [--events N] [--vs postgres] [--keep] [--json]',
  options: { ...JSON_FLAG, events: { type: 'string' }, keep: { type: 'boolean' }, vs: { type: 'string' } },
  async run({ values, io }) {
    const events = positiveInt(values, 'events', '--events') ?? DEFAULT_BENCH_EVENTS;
    const postgres = oneOf(values, 'vs', ['postgres']) ? postgresServer(io) : undefined;
    const result = await runBench({ events, keep: values.keep === true, postgres, onProgress: (line) => io.err(`bench: ${line}\n`) });
    io.out(values.json ? renderJson(result) : report(result));
    const pgOk = !postgres || (result.postgres?.queries.every((q) => q.same) ?? false);
    return result.queries.every((q) => q.same) && pgOk ? 0 : 1;
  },
};
