/** `tallybook bench`: times import and dashboard queries against DuckDB's own floor (issue 5). */
import type { ColumnarResult } from '../../../src-shared/columnar';
import { DEFAULT_BENCH_EVENTS, runBench, type BenchResult } from '../../core/bench/run-bench';
import { JSON_FLAG, positiveInt, type Command } from '../command';
import { renderJson, renderTable } from '../format';

function queryTable(r: BenchResult): ColumnarResult {
  const ratio = (q: BenchResult['queries'][number]) => (q.raw_ms > 0 ? Number((q.ms / q.raw_ms).toFixed(2)) : null);
  return {
    columns: [
      { name: 'query', type: 'VARCHAR' },
      { name: 'engine ms', type: 'DOUBLE' },
      { name: 'raw SQL ms', type: 'DOUBLE' },
      { name: 'engine / raw', type: 'DOUBLE' },
      { name: 'same answer', type: 'VARCHAR' },
    ],
    data: [r.queries.map((q) => q.name), r.queries.map((q) => q.ms), r.queries.map((q) => q.raw_ms), r.queries.map(ratio), r.queries.map((q) => (q.same ? 'yes' : 'NO'))],
    rowCount: r.queries.length,
  };
}

function report(r: BenchResult): string {
  const ratio = r.duckdb_import_s > 0 ? (r.import_s / r.duckdb_import_s).toFixed(2) : '–';
  return [
    `${r.events} events`,
    `import: ${r.import_s} s (Tallybook) vs ${r.duckdb_import_s} s (DuckDB read_ndjson) — ratio ${ratio}`,
    `peak RSS: ${r.rss_mb} MB`,
    '',
    renderTable(queryTable(r)),
  ].join('\n');
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark import and dashboard queries against plain DuckDB',
  usage: 'bench [--events N] [--keep] [--json]',
  options: { ...JSON_FLAG, events: { type: 'string' }, keep: { type: 'boolean' } },
  async run({ values, io }) {
    const events = positiveInt(values, 'events', '--events') ?? DEFAULT_BENCH_EVENTS;
    const result = await runBench({ events, keep: values.keep === true, onProgress: (line) => io.err(`bench: ${line}\n`) });
    io.out(values.json ? renderJson(result) : report(result));
    return result.queries.every((q) => q.same) ? 0 : 1;
  },
};
