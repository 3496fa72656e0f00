/**
 * Column profiles for the Dataset screen: type, null %, exact distinct count, min/max and a
 * histogram (20 equal-width bins for numbers and times, the 10 most frequent values for text),
 * all computed in SQL. JSON and nested columns get counts only.
 */
import type { ColumnProfile, DatasetProfile } from '../../../src-shared/datasets';
import { quoteIdent } from '../identifiers';
import type { Workspace } from '../workspace';

const BINS = 20;
const TOP = 10;

type Family = 'number' | 'time' | 'text' | 'other';

function family(type: string): Family {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type)) return 'number';
  if (/^(DATE|TIMESTAMP)/.test(type)) return 'time';
  if (type === 'VARCHAR' || type === 'BOOLEAN' || type === 'UUID') return 'text';
  return 'other';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function histogram(ws: Workspace, table: string, col: string, fam: Family): Promise<Pick<ColumnProfile, 'histogram' | 'histogramKind'>> {
  const c = quoteIdent(col);
  if (fam === 'text') {
    const rows = await ws.db.rows(`SELECT ${c}::VARCHAR AS v, count(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${TOP}`);
    return { histogramKind: 'top_values', histogram: rows.map((r) => ({ label: String(r.v), count: Number(r.n) })) };
  }
  if (fam !== 'number' && fam !== 'time') return { histogramKind: 'none', histogram: [] };
  const x = fam === 'time' ? `epoch(${c})` : `${c}::DOUBLE`;
  const rows = await ws.db.rows(
    `WITH r AS (SELECT min(${x}) AS lo, max(${x}) AS hi FROM ${table}),
          b AS (SELECT least(${BINS - 1}, CAST(floor((${x} - r.lo) / nullif((r.hi - r.lo) / ${BINS}, 0)) AS INTEGER)) AS bin, count(*) AS n
                FROM ${table}, r WHERE ${c} IS NOT NULL GROUP BY 1)
     SELECT coalesce(b.bin, 0) AS bin, r.lo + coalesce(b.bin, 0) * (r.hi - r.lo) / ${BINS} AS start, b.n FROM b, r ORDER BY 1`,
  );
  const toLabel = (v: number) => (fam === 'time' ? new Date(v * 1000).toISOString().replace('.000Z', 'Z') : round2(v));
  return { histogramKind: 'bins', histogram: rows.map((r) => ({ label: toLabel(Number(r.start)), count: Number(r.n) })) };
}

export async function profileDataset(ws: Workspace, dataset: string): Promise<DatasetProfile> {
  const info = await ws.dataset(dataset);
  const table = quoteIdent(dataset);
  const stats = info.columns.map((col, i) => {
    const c = quoteIdent(col.name);
    const orderable = family(col.type) !== 'other';
    return `count(${c}) AS n${i}, count(DISTINCT ${orderable ? c : `${c}::VARCHAR`}) AS d${i}, ${orderable ? `min(${c})::VARCHAR AS lo${i}, max(${c})::VARCHAR AS hi${i}` : `NULL AS lo${i}, NULL AS hi${i}`}`;
  });
  const row = stats.length ? ((await ws.db.rows(`SELECT ${stats.join(', ')} FROM ${table}`))[0] ?? {}) : {};
  const columns: ColumnProfile[] = [];
  for (const [i, col] of info.columns.entries()) {
    const fam = family(col.type);
    const nonNull = Number(row[`n${i}`] ?? 0);
    const asValue = (v: unknown) => (v === null || v === undefined ? null : fam === 'number' ? Number(v) : String(v));
    columns.push({
      name: col.name,
      type: col.type,
      nullPercent: info.rowCount === 0 ? 0 : round2(((info.rowCount - nonNull) / info.rowCount) * 100),
      distinct: Number(row[`d${i}`] ?? 0),
      min: asValue(row[`lo${i}`]),
      max: asValue(row[`hi${i}`]),
      ...(await histogram(ws, table, col.name, fam)),
    });
  }
  return { dataset, rowCount: info.rowCount, columns };
}
