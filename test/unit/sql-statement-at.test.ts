/** The SQL console runs the selection, or the statement under the cursor. */
import { describe, expect, it } from 'vitest';
import { splitStatements, sqlToRun } from '../../src-shared/sql-statements';

describe('sqlToRun', () => {
  const doc = "SELECT 'a;b' AS x;\n-- c; d\nSELECT 2 /* ; */ AS y;\n";
  it('splits at semicolons outside strings and comments', () => {
    expect(splitStatements(doc).map((s) => s.text.trim())).toEqual(["SELECT 'a;b' AS x", '-- c; d\nSELECT 2 /* ; */ AS y', '']);
  });
  it('runs the statement under the cursor, or the one before a trailing semicolon', () => {
    expect(sqlToRun(doc, 3)).toBe("SELECT 'a;b' AS x");
    expect(sqlToRun(doc, doc.indexOf('AS y'))).toBe('-- c; d\nSELECT 2 /* ; */ AS y');
    expect(sqlToRun(doc, doc.length)).toBe('-- c; d\nSELECT 2 /* ; */ AS y');
    expect(sqlToRun('SELECT 1', 0)).toBe('SELECT 1');
  });
  it('runs the selection as it is', () => {
    expect(sqlToRun('SELECT 1; SELECT 2', 10, 18)).toBe('SELECT 2');
  });
});
