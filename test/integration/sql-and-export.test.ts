import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportData } from '../../src-main/core/export';
import { runReadOnlySql } from '../../src-main/core/sql/read-only';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;
beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(ws, 'sales', 'table', `SELECT * FROM (VALUES ('north', 3, 9.5), ('south', 4, 10.0), ('north', 1, 2.5)) t(region, units, price)`, null);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

describe('read-only SQL', () => {
  it('runs SELECT, WITH, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN and PIVOT', async () => {
    // north: 3 + 1 = 4 units; south: 4.
    const r = await runReadOnlySql(ws.db, `WITH s AS (SELECT region, sum(units) AS u FROM sales GROUP BY region) SELECT * FROM s ORDER BY region`);
    expect(r.data).toEqual([['north', 'south'], [4, 4]]);
    for (const sql of ['DESCRIBE sales', 'SUMMARIZE sales', 'SHOW TABLES', 'EXPLAIN SELECT 1', 'FROM sales', "PIVOT sales ON region IN ('north', 'south') USING sum(units)"]) {
      await expect(runReadOnlySql(ws.db, sql)).resolves.toMatchObject({ rowCount: expect.any(Number) });
    }
  });

  it.each([
    `INSERT INTO sales VALUES ('east', 1, 1)`,
    `UPDATE sales SET units = 0`,
    `DELETE FROM sales`,
    `DROP TABLE sales`,
    `CREATE TABLE x AS SELECT 1`,
    `ALTER TABLE sales ADD COLUMN z INT`,
    `COPY sales TO '${'/tmp/tallybook-should-not-exist.csv'}'`,
    `ATTACH ':memory:' AS other`,
    `INSTALL httpfs`,
    `LOAD json`,
    `SET threads = 1`,
    `CHECKPOINT`,
    `SELECT 1; DELETE FROM sales`,
    `COPY (SELECT * FROM sales) TO '${'/tmp/tallybook-should-not-exist.csv'}'`,
    // Binding EXPORT DATABASE creates its folder: the gate refuses it before DuckDB sees it.
    `EXPORT DATABASE '${'/tmp/tallybook-should-not-exist.csv'}'`,
    `  -- a comment first
  export   database '${'/tmp/tallybook-should-not-exist.csv'}'`,
    `DETACH other`,
    `CALL pragma_version()`,
    `PRAGMA force_checkpoint`,
    `PRAGMA memory_limit = '1GB'`,
    `CREATE TEMP TABLE t AS SELECT 1`,
    `USE tallybook`,
    `RESET threads`,
    `BEGIN TRANSACTION`,
    `VACUUM`,
    `SELECT 1; SELECT 2; UPDATE sales SET units = 0`,
  ])('refuses %s and leaves the workspace as it was', async (sql) => {
    await expect(runReadOnlySql(ws.db, sql)).rejects.toMatchObject({ code: 'read_only' });
    expect(await ws.db.value('SELECT count(*) FROM sales')).toBe(3);
    expect(existsSync('/tmp/tallybook-should-not-exist.csv')).toBe(false);
  });

  it('reports a syntax error as a user error', async () => {
    await expect(runReadOnlySql(ws.db, 'SELEC 1')).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^SQL error: /) });
  });
});

describe('export', () => {
  it('writes a dataset to CSV, JSON and Parquet that read back to the same rows', async () => {
    await exportData(ws, { dataset: 'sales', path: t.path('s.csv') });
    expect(readFileSync(t.path('s.csv'), 'utf8').trim().split('\n')).toEqual(['region,units,price', 'north,3,9.5', 'south,4,10.0', 'north,1,2.5']);
    await exportData(ws, { dataset: 'sales', path: t.path('s.json') });
    expect(JSON.parse(readFileSync(t.path('s.json'), 'utf8'))).toEqual([
      { region: 'north', units: 3, price: 9.5 },
      { region: 'south', units: 4, price: 10 },
      { region: 'north', units: 1, price: 2.5 },
    ]);
    const r = await exportData(ws, { sql: 'SELECT region, sum(units) AS u FROM sales GROUP BY region ORDER BY region', path: t.path('s.parquet') });
    expect(r.rows).toBe(2);
    expect(await ws.db.rows(`SELECT * FROM read_parquet('${t.path('s.parquet')}')`)).toEqual([{ region: 'north', u: 4 }, { region: 'south', u: 4 }]);
  });

  it("writes a query spec's full result with its filter values still bound", async () => {
    // units > 1: north 3 (the 1 is filtered out), south 4.
    const spec = { dataset: 'sales', measures: ['sum(units)'], dimensions: ['region'], filters: [{ field: 'units', op: '>', value: 1 }], order: [{ field: 'region', dir: 'asc' }] };
    const r = await exportData(ws, { spec, path: t.path('q.csv') } as never);
    expect(r).toMatchObject({ rows: 2, format: 'csv' });
    expect(readFileSync(t.path('q.csv'), 'utf8').trim().split('\n')).toEqual(['region,sum(units)', 'north,3', 'south,4']);
  });

  it('writes every page of a rows request: its filters and sort, values bound', async () => {
    const rows = { dataset: 'sales', filters: [{ field: 'region', op: '=' as const, value: 'north' }], sort: [{ column: 'units', dir: 'asc' as const }] };
    const r = await exportData(ws, { rows, path: t.path('rows.csv') });
    expect(r.rows).toBe(2);
    expect(readFileSync(t.path('rows.csv'), 'utf8').trim().split('\n')).toEqual(['region,units,price', 'north,1,2.5', 'north,3,9.5']);
  });

  it('refuses an export query that writes and an unknown extension', async () => {
    await expect(exportData(ws, { sql: 'DELETE FROM sales', path: t.path('x.csv') })).rejects.toMatchObject({ code: 'read_only' });
    await expect(exportData(ws, { dataset: 'sales', path: t.path('x.xlsx') })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(exportData(ws, { dataset: 'nope', path: t.path('x.csv') })).rejects.toMatchObject({ code: 'not_found' });
  });
});
