/**
 * What a workspace holds, as lines to compare before and after hostile input: every table's row
 * count and a hash aggregate over all its rows (computed in SQL), its sequences, views, attached
 * databases, loaded extensions and every DuckDB setting.
 */
import type { Db } from '../../src-main/core/db';
import { quoteIdent } from '../../src-main/core/identifiers';

const LISTS = [
  `SELECT 'sequence ' || schema_name || '.' || sequence_name || ' = ' || coalesce(last_value::VARCHAR, '-') FROM duckdb_sequences()`,
  `SELECT 'view ' || schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal`,
  `SELECT 'database ' || database_name FROM duckdb_databases()`,
  `SELECT 'extension ' || extension_name FROM duckdb_extensions() WHERE loaded OR installed`,
  `SELECT 'setting ' || name || ' = ' || coalesce(value, '-') FROM duckdb_settings()`,
];

export async function fingerprint(db: Db): Promise<string[]> {
  const tables = await db.rows(`SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY ALL`);
  const out: string[] = [];
  for (const { schema_name: schema, table_name: table } of tables) {
    const name = `${quoteIdent(String(schema))}.${quoteIdent(String(table))}`;
    const [r] = await db.rows(`SELECT count(*) AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS h FROM ${name} t`);
    out.push(`table ${String(schema)}.${String(table)}: ${String(r!.n)} rows, hash ${String(r!.h)}`);
  }
  for (const q of LISTS) out.push(...(await db.rows(`${q} ORDER BY 1`)).map((r) => String(Object.values(r)[0])));
  return out;
}
