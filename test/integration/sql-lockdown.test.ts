/**
 * DuckDB locked down for user-facing statements. The configuration is locked once the engine's
 * start-up settings are made (a later SET fails, the engine's own too). The read-only gate
 * refuses whatever installs or loads extensions, attaches, copies or exports to files, changes
 * settings, runs a write under EXPLAIN ANALYZE or calls a function with effects — and each
 * refusal leaves the workspace, its settings and the disk as they were. What reads still runs,
 * local files the user names in the console included; imports and exports the user asks for
 * still work. Reviewed lists of DuckDB's table functions and volatile functions fail when an
 * upgrade adds one, so that it is looked at before it reaches the console.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db } from '../../src-main/core/db';
import { exportData } from '../../src-main/core/export';
import { importFiles } from '../../src-main/core/import/importer';
import { createService } from '../../src-main/core/service';
import { runReadOnlySql } from '../../src-main/core/sql/read-only';
import { sqlPage } from '../../src-main/core/sql/sql-page';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';
import { fingerprint } from './fuzz-fingerprint';

let t: TempDir;
/** A folder outside the workspace that refused statements aim at; it must stay empty. */
let outside: TempDir;
let ws: Workspace;
beforeEach(async () => {
  t = tempDir();
  outside = tempDir('tallybook-outside-');
  ws = await tempWorkspace(t);
  await makeDataset(ws, 'sales', 'table', `SELECT * FROM (VALUES ('north', 3), ('south', 4)) t(region, units)`, null);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
  outside.cleanup();
});

describe('configuration lock', () => {
  it('refuses any later SET, RESET or PRAGMA that changes a setting, the engine’s own included', async () => {
    const db = await Db.open(t.path('locked.duckdb'));
    try {
      const before = await db.value(`SELECT current_setting('memory_limit')`);
      expect(await db.value(`SELECT current_setting('lock_configuration')`)).toBe(true);
      for (const statement of [`SET memory_limit = '1MB'`, `RESET memory_limit`, `SET threads = 1`, `PRAGMA threads = 1`, `SET TimeZone = 'Europe/Stockholm'`, `SET lock_configuration = false`, `SET enable_external_access = false`]) {
        await expect(db.run(statement), statement).rejects.toThrow(/the configuration has been locked/);
      }
      expect(await db.value(`SELECT current_setting('memory_limit')`)).toBe(before);
      expect(await db.value(`SELECT current_setting('TimeZone')`)).toBe('UTC');
    } finally {
      db.closeSync();
    }
  });
});

describe('read-only gate', () => {
  const o = () => outside.dir;
  const seq = `'tallybook.import_ids'`;
  const refusedStatements: readonly (() => string)[] = [
    () => `INSTALL httpfs`,
    () => `FORCE INSTALL json`,
    () => `LOAD parquet`,
    () => `UPDATE EXTENSIONS`,
    () => `ATTACH '${o()}/a.duckdb' AS a`,
    () => `DETACH a`,
    () => `COPY sales TO '${o()}/c.csv'`,
    () => `COPY (SELECT 1) TO '${o()}/c.parquet' (FORMAT parquet)`,
    () => `EXPORT DATABASE '${o()}/export'`,
    () => `SET memory_limit = '1MB'`,
    () => `RESET threads`,
    () => `SET lock_configuration = false`,
    () => `SET VARIABLE x = 1`,
    () => `PRAGMA enable_profiling`,
    () => `CALL enable_logging()`,
    () => `CALL checkpoint()`,
    () => `EXPLAIN ANALYZE DELETE FROM sales`,
    () => `EXPLAIN ANALYZE INSERT INTO sales VALUES ('east', 1)`,
    () => `EXPLAIN ANALYZE COPY (SELECT 1) TO '${o()}/e.csv'`,
    () => `EXPLAIN (ANALYZE) UPDATE sales SET units = 0`,
    () => `EXPLAIN /* why not */ ANALYZE DELETE FROM sales`,
    () => `explain analyse delete from sales`,
    () => `EXPLAIN ANALYZE SET threads = 1`,
    () => `SELECT 1; EXPLAIN SELECT 2`,
    () => `SELECT * FROM enable_logging(storage = 'file', storage_path = '${o()}/logs')`,
    () => `FROM system.main."enable_logging"()`,
    () => `SELECT * FROM enable_profiling()`,
    () => `FROM disable_peg_parser()`,
    () => `SELECT * FROM checkpoint()`,
    () => `FROM force_checkpoint /* now */ ()`,
    () => `FROM truncate_duckdb_logs()`,
    () => `SELECT write_log('hello')`,
    () => `SELECT nextval(${seq})`,
    () => `SELECT "NEXTVAL"(${seq})`,
    () => `SELECT (${seq}).nextval()`,
    () => `SELECT main.nextval\n(${seq})`,
    () => `SUMMARIZE SELECT nextval(${seq})`,
    () => `SELECT * FROM query('SELECT next' || 'val(''tallybook.import_ids'')')`,
    () => `FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))`,
  ];

  it.each(refusedStatements.map((s) => [s]))('refuses %s and leaves workspace, settings and disk as they were', async (statement) => {
    const before = await fingerprint(ws.db);
    const sql = statement();
    await expect(runReadOnlySql(ws.db, sql), sql).rejects.toMatchObject({ code: 'read_only' });
    await expect(sqlPage(ws.db, { sql }), sql).rejects.toMatchObject({ code: expect.stringMatching(/^(read_only|bad_request)$/) });
    await expect(exportData(ws, { sql, path: `${o()}/out.csv` }), sql).rejects.toMatchObject({ code: expect.stringMatching(/^(read_only|bad_request)$/) });
    expect(await fingerprint(ws.db)).toEqual(before);
    expect(readdirSync(o())).toEqual([]);
  });

  it('refuses IMPORT DATABASE, whose folder DuckDB reads to expand the statement, and runs none of it', async () => {
    mkdirSync(outside.path('dump'));
    writeFileSync(outside.path('dump/schema.sql'), 'CREATE TABLE pwned (a INTEGER);\n');
    writeFileSync(outside.path('dump/load.sql'), 'INSERT INTO pwned VALUES (1);\n');
    const before = await fingerprint(ws.db);
    await expect(runReadOnlySql(ws.db, `IMPORT DATABASE '${outside.path('dump')}'`)).rejects.toMatchObject({ code: 'read_only' });
    expect(await fingerprint(ws.db)).toEqual(before);
  });

  it('runs what only reads: EXPLAIN and EXPLAIN ANALYZE of a SELECT, DESCRIBE, and words that merely look like refused calls', async () => {
    for (const sql of ['EXPLAIN SELECT * FROM sales', 'EXPLAIN ANALYZE SELECT sum(units) FROM sales', 'EXPLAIN (FORMAT json) SELECT 1', 'DESCRIBE sales']) {
      await expect(runReadOnlySql(ws.db, sql), sql).resolves.toMatchObject({ rowCount: expect.any(Number) });
    }
    const words = await runReadOnlySql(ws.db, `SELECT 'checkpoint' AS query, 'nextval' AS checkpoint`);
    expect(words.data).toEqual([['checkpoint'], ['nextval']]);
  });

  it('reads a local file the user names in the console (the analyst’s own DuckDB), and nothing else names one', async () => {
    const file = outside.path('visits.csv');
    writeFileSync(file, 'page,hits\n/a,2\n/b,5\n');
    // 2 + 5 = 7: the console reads what the user pointed at.
    expect((await runReadOnlySql(ws.db, `SELECT sum(hits) AS n FROM read_csv('${file}')`)).data).toEqual([[7]]);
    // The same path anywhere in a request is a name, never a file.
    const service = createService(ws);
    await expect(service.query({ dataset: file, measures: ['count'] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.rows({ dataset: file })).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.query({ dataset: 'sales', measures: [`sum(${file})`] })).rejects.toMatchObject({ code: 'unknown_field' });
    await expect(service.topN({ dataset: 'sales', field: `read_csv('${file}')` })).rejects.toMatchObject({ code: 'unknown_field' });
  });
});

describe('what the user asks for still works under the lock', () => {
  it('imports a file and exports a dataset to a path outside the workspace', async () => {
    const csv = outside.path('orders.csv');
    writeFileSync(csv, 'id,amount\n1,2.5\n2,4\n');
    const summary = await importFiles(ws, { dataset: 'orders', paths: [csv] });
    expect(summary).toMatchObject({ dataset: 'orders' });
    expect(await ws.db.value('SELECT sum(amount) FROM orders')).toBe(6.5);
    const out = outside.path('orders-out.csv');
    await expect(exportData(ws, { dataset: 'orders', path: out })).resolves.toMatchObject({ rows: 2, format: 'csv' });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(['id,amount', '1,2.5', '2,4.0']);
  });
});

describe('reviewed DuckDB functions', () => {
  // Looked at for effects: the ones that have some are refused by the gate (hidden-effects.ts);
  // the readers read files the user names in the console; the rest only read the catalog.
  const TABLE_FUNCTIONS = [
    'arrow_scan', 'arrow_scan_dumb', 'check_peg_parser', 'checkpoint', 'disable_logging', 'disable_peg_parser', 'disable_profiling',
    'duckdb_approx_database_count', 'duckdb_columns', 'duckdb_connection_count', 'duckdb_constraints', 'duckdb_coordinate_systems',
    'duckdb_databases', 'duckdb_dependencies', 'duckdb_extensions', 'duckdb_external_file_cache', 'duckdb_functions', 'duckdb_indexes',
    'duckdb_keywords', 'duckdb_log_contexts', 'duckdb_logs', 'duckdb_logs_parsed', 'duckdb_memory', 'duckdb_optimizers',
    'duckdb_prepared_statements', 'duckdb_profiling_settings', 'duckdb_schemas', 'duckdb_secret_types', 'duckdb_secrets', 'duckdb_sequences',
    'duckdb_settings', 'duckdb_table_sample', 'duckdb_tables', 'duckdb_temporary_files', 'duckdb_types', 'duckdb_variables', 'duckdb_views',
    'enable_logging', 'enable_peg_parser', 'enable_profiling', 'force_checkpoint', 'generate_series', 'glob', 'histogram', 'histogram_values',
    'icu_calendar_names', 'json_each', 'json_execute_serialized_sql', 'json_tree', 'parquet_bloom_probe', 'parquet_file_metadata',
    'parquet_full_metadata', 'parquet_kv_metadata', 'parquet_metadata', 'parquet_scan', 'parquet_schema', 'pg_timezone_names',
    'pragma_collations', 'pragma_database_size', 'pragma_metadata_info', 'pragma_platform', 'pragma_show', 'pragma_storage_info',
    'pragma_table_info', 'pragma_user_agent', 'pragma_version', 'query', 'query_table', 'range', 'read_blob', 'read_csv', 'read_csv_auto',
    'read_duckdb', 'read_json', 'read_json_auto', 'read_json_objects', 'read_json_objects_auto', 'read_ndjson', 'read_ndjson_auto',
    'read_ndjson_objects', 'read_parquet', 'read_text', 'repeat', 'repeat_row', 'seq_scan', 'sniff_csv', 'sql_auto_complete', 'summary',
    'test_all_types', 'test_vector_types', 'truncate_duckdb_logs', 'unnest', 'which_secret',
  ];
  const VOLATILE_FUNCTIONS = [
    'current_connection_id', 'current_query', 'current_query_id', 'current_transaction_id', 'currval', 'error', 'gen_random_uuid', 'nextval',
    'random', 'setseed', 'sleep_ms', 'stats', 'uuid', 'uuidv4', 'uuidv7', 'write_log',
  ];

  it('lists every table function and volatile function this DuckDB offers', async () => {
    const names = async (where: string) => (await ws.db.rows(`SELECT DISTINCT function_name AS f FROM duckdb_functions() WHERE ${where} ORDER BY 1`)).map((r) => String(r.f));
    expect(await names(`function_type IN ('table', 'table_macro')`)).toEqual(TABLE_FUNCTIONS);
    expect(await names(`function_type = 'scalar' AND stability = 'VOLATILE'`)).toEqual(VOLATILE_FUNCTIONS);
  });
});
