/** The SQL console's engine methods: paging a statement, DuckDB completions, cancelling. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelConsoleRuns } from '../../src-main/core/sql/console-run';
import { sqlComplete } from '../../src-main/core/sql/sql-complete';
import { sqlPage } from '../../src-main/core/sql/sql-page';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;
beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  // 25 rows: n = 1..25, even n in 'a', odd n in 'b'.
  await makeDataset(ws, 'nums', 'table', `SELECT range + 1 AS n, CASE WHEN (range + 1) % 2 = 0 THEN 'a' ELSE 'b' END AS grp FROM range(25)`, null);
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

describe('sqlPage', () => {
  it('pages a SELECT in DuckDB and counts the whole result', async () => {
    const p = await sqlPage(ws.db, { sql: 'SELECT n FROM nums ORDER BY n;', offset: 10, limit: 5 });
    expect(p).toMatchObject({ paged: true, totalRows: 25, offset: 10, rowCount: 5 });
    expect(p.data[0]).toEqual([11, 12, 13, 14, 15]);
    // The last page is not full: rows 21..25.
    const last = await sqlPage(ws.db, { sql: 'SELECT n FROM nums ORDER BY n', offset: 20, limit: 10 });
    expect(last).toMatchObject({ totalRows: 25, rowCount: 5 });
  });

  it('sorts by an output column and keeps a trailing comment closed', async () => {
    // a: 2+4+…+24 = 156 over 12 rows; b: 1+3+…+25 = 169 over 13 rows.
    const p = await sqlPage(ws.db, { sql: 'SELECT grp, sum(n) AS total, count(*) AS c FROM nums GROUP BY grp -- per group', sort: [{ column: 'total', dir: 'desc' }] });
    expect(p.data).toEqual([['b', 'a'], [169, 156], [13, 12]]);
    expect(p.totalRows).toBe(2);
  });

  it('pages DESCRIBE, SUMMARIZE, SHOW, PIVOT and FROM-first; runs EXPLAIN whole; refuses several statements', async () => {
    expect(await sqlPage(ws.db, { sql: 'DESCRIBE nums' })).toMatchObject({ paged: true, totalRows: 2 });
    expect(await sqlPage(ws.db, { sql: 'SUMMARIZE nums' })).toMatchObject({ totalRows: 2 });
    expect(await sqlPage(ws.db, { sql: 'FROM nums', limit: 3 })).toMatchObject({ paged: true, totalRows: 25, rowCount: 3 });
    const pivot = await sqlPage(ws.db, { sql: "PIVOT (SELECT grp FROM nums) ON grp IN ('a', 'b') USING count(*)" });
    expect(pivot.data).toEqual([[12], [13]]);
    expect(await sqlPage(ws.db, { sql: 'EXPLAIN SELECT * FROM nums' })).toMatchObject({ paged: false });
    const explain = await sqlPage(ws.db, { sql: 'EXPLAIN SELECT * FROM nums', offset: 1, limit: 1 });
    expect(explain).toMatchObject({ offset: 1, rowCount: 0, totalRows: 1 });
    await expect(sqlPage(ws.db, { sql: 'SELECT 1; SELECT 2' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/one statement at a time/) });
    await expect(sqlPage(ws.db, { sql: 'SELECT 1; DELETE FROM nums' })).rejects.toMatchObject({ code: 'read_only' });
  });

  it("refuses writes and reports DuckDB's message on one line with its suggestion as the hint", async () => {
    await expect(sqlPage(ws.db, { sql: 'DELETE FROM nums' })).rejects.toMatchObject({ code: 'read_only' });
    const e = await sqlPage(ws.db, { sql: 'SELECT * FROM numz' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^SQL error: Catalog Error: Table with name numz does not exist!$/), hint: expect.stringMatching(/nums/) });
    expect(await ws.db.value('SELECT count(*) FROM nums')).toBe(25);
  });
});

describe('cancelQuery', () => {
  it('stops a slow statement after 200 ms with "Cancelled", and the connection works afterwards', async () => {
    const slow = sqlPage(ws.db, { sql: 'SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b' });
    const outcome = slow.catch((x: unknown) => x);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    expect(cancelConsoleRuns(ws.db)).toBe(true);
    expect(await outcome).toMatchObject({ code: 'cancelled', message: 'Cancelled' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(cancelConsoleRuns(ws.db)).toBe(false);
    expect(await sqlPage(ws.db, { sql: 'SELECT count(*) AS c FROM nums' })).toMatchObject({ data: [[25]] });
  });

  it('does not interrupt statements that are not the console', async () => {
    const other = ws.db.value('SELECT count(*) FROM range(3000000)');
    expect(cancelConsoleRuns(ws.db)).toBe(false);
    expect(await other).toBe(3000000);
  });
});

describe('sqlComplete', () => {
  it('completes keywords, dataset tables and columns, and hides the tallybook schema', async () => {
    const kw = await sqlComplete(ws.db, { sql: 'SELECT * FR', cursor: 11 });
    expect(kw.from).toBe(9);
    expect(kw.options[0]).toEqual({ label: 'FROM', type: 'keyword', apply: 'FROM ' });
    const table = await sqlComplete(ws.db, { sql: 'SELECT * FROM nu', cursor: 16 });
    expect(table.from).toBe(14);
    expect(table.options[0]).toMatchObject({ label: 'nums', type: 'table' });
    const col = await sqlComplete(ws.db, { sql: 'SELECT gr FROM nums', cursor: 9 });
    expect(col.options.map((o) => o.label)).toContain('grp');
    const internal = await sqlComplete(ws.db, { sql: 'SELECT * FROM tall', cursor: 18 });
    expect(internal.options.map((o) => o.label.toLowerCase())).not.toContain('tallybook.');
    const internalTable = await sqlComplete(ws.db, { sql: 'SELECT * FROM rejec', cursor: 19 });
    expect(internalTable.options.filter((o) => o.type === 'table').map((o) => o.label)).not.toContain('rejects');
  });

  it('counts the start in characters when the prefix has multi-byte text', async () => {
    const r = await sqlComplete(ws.db, { sql: "SELECT 'é', * FR", cursor: 16 });
    expect(r.from).toBe(14);
  });
});
