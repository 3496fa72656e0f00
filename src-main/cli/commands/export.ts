import { exportData, type ExportFormat } from '../../core/export';
import { DATASET, JSON_FLAG, WORKSPACE, oneOf, required, str, withWorkspace, type Command } from '../command';
import { renderJson } from '../format';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a dataset, a read-only query or rejected rows to CSV, JSON, NDJSON or Parquet',
  usage: 'export -w WS (-d DATASET | --sql "SELECT ..." | --rejects DATASET) -o FILE.csv|.json|.ndjson|.parquet [--format F] [--json]',
  options: { ...WORKSPACE, ...DATASET, ...JSON_FLAG, sql: { type: 'string' }, rejects: { type: 'string' }, output: { type: 'string', short: 'o' }, format: { type: 'string' } },
  async run({ values, io }) {
    const path = required(values, 'output', '-o FILE');
    const format = oneOf(values, 'format', ['csv', 'json', 'ndjson', 'parquet'] as const satisfies readonly ExportFormat[]);
    const dataset = str(values, 'dataset');
    const sql = str(values, 'sql');
    const rejectsOf = str(values, 'rejects');
    const result = await withWorkspace(values, (ws) =>
      exportData(ws, { path, ...(format ? { format } : {}), ...(dataset !== undefined ? { dataset } : {}), ...(sql !== undefined ? { sql } : {}), ...(rejectsOf !== undefined ? { rejectsOf } : {}) }),
    );
    io.out(values.json ? renderJson(result) : `Wrote ${result.rows} rows to ${result.path} (${result.format})\n`);
    return 0;
  },
};
