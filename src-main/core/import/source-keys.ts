/**
 * The keys found in the staged rows, in order of first appearance, with their JSON types; and
 * the SQL type each extra key is kept as (strings that all parse as numbers, booleans or
 * timestamps are typed as such — CSV cells arrive as strings).
 */
import type { Db } from '../db';
import { quoteLiteral } from '../identifiers';
import { ParsedRow } from './canonical';
import type { SourceKey } from './detect';

/** One JSON type for a key from the types its values had (nulls aside). */
export function mergeTypes(types: readonly string[]): string {
  const t = [...new Set(types.filter((x) => x !== 'NULL'))];
  if (t.length === 0) return 'NULL';
  if (t.length === 1) return t[0]!;
  if (t.every((x) => x === 'BIGINT' || x === 'UBIGINT')) return 'BIGINT';
  if (t.every((x) => x === 'BIGINT' || x === 'UBIGINT' || x === 'DOUBLE')) return 'DOUBLE';
  if (t.some((x) => x === 'OBJECT' || x === 'ARRAY')) return 'JSON';
  return 'VARCHAR';
}

/**
 * Top-level keys of the staged rows in order of first appearance, each with the JSON type of its
 * values: two passes of one parse per row (json_group_structure would walk every nested value).
 */
export async function sourceKeys(db: Db, stage: string): Promise<SourceKey[]> {
  return keyTypes(db, stage, await keyNames(db, stage));
}

/**
 * The top-level keys, in order of first appearance. Rows are grouped by their list of keys
 * first (exports repeat a few lists millions of times), and only those lists are unnested.
 */
export async function keyNames(db: Db, stage: string): Promise<string[]> {
  const rows = await db.rows(
    `WITH lists AS (SELECT json_keys(__text) AS ks, min(__file * 1e12 + __line * 1e4) AS first FROM ${stage} WHERE __ok GROUP BY ks)
     SELECT k FROM (SELECT first, unnest(ks) AS k, generate_subscripts(ks, 1) AS p FROM lists)
     GROUP BY k ORDER BY min(first + p), k`,
  );
  return rows.map((r) => String(r.k));
}

/**
 * Up to this many keys, the per-key passes read each key as a column of one statement (the
 * fastest way over many rows). Beyond it, a statement's planning would grow faster than its
 * key count, so the rows are read as (key, value) pairs instead and grouped by key: the same
 * answers, with a statement that stays small for files of thousands of columns.
 */
const COLUMNS_PER_STATEMENT = 200;

/** The values of the given keys as (k, v) rows, v as JSON (`JSON`) or as text (`VARCHAR`). */
function keyValuePairs(stage: string, names: readonly string[], valueType: 'JSON' | 'VARCHAR'): string {
  return `(SELECT * FROM (SELECT unnest(map_keys(m)) AS k, unnest(map_values(m)) AS v
      FROM (SELECT json_transform(__text, '"MAP(VARCHAR, ${valueType})"') AS m FROM ${stage} WHERE __ok))
    WHERE k IN (${names.map(quoteLiteral).join(', ')}))`;
}

/** The JSON type of each named key's values (one parse per row; only the keys asked for). */
export async function keyTypes(db: Db, stage: string, names: readonly string[]): Promise<SourceKey[]> {
  if (names.length === 0) return [];
  let found: Map<string, unknown>;
  if (names.length <= COLUMNS_PER_STATEMENT) {
    const parsed = new ParsedRow(names, new Set(names));
    const lists = names.map((k, i) => `list_distinct(list(json_type(${parsed.field(k)}))) AS t${i}`);
    const row = (await db.rows(`SELECT ${lists.join(', ')} FROM ${parsed.from(stage)} WHERE __ok`))[0] ?? {};
    found = new Map(names.map((name, i) => [name, row[`t${i}`]]));
  } else {
    const rows = await db.rows(`SELECT k, list_distinct(list(json_type(v))) AS t FROM ${keyValuePairs(stage, names, 'JSON')} GROUP BY k`);
    found = new Map(rows.map((r) => [String(r.k), r.t]));
  }
  return names.map((name) => {
    const types = found.get(name);
    return { name, type: mergeTypes(Array.isArray(types) ? types.map(String) : []) };
  });
}

const DIRECT: Record<string, string> = {
  BOOLEAN: 'BOOLEAN',
  UBIGINT: 'BIGINT',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  OBJECT: 'JSON',
  ARRAY: 'JSON',
  JSON: 'JSON',
  NULL: 'VARCHAR',
};

/** SQL types of the given keys; string-typed keys are probed (one parse per row). */
export async function inferTypes(db: Db, stage: string, keys: readonly SourceKey[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  const strings: SourceKey[] = [];
  for (const k of keys) {
    if (k.type === 'VARCHAR') strings.push(k);
    else types.set(k.name, DIRECT[k.type] ?? 'JSON');
  }
  const guessed = await probeStrings(db, stage, strings.map((k) => k.name));
  for (const k of strings) types.set(k.name, guessed.get(k.name) ?? 'VARCHAR');
  return types;
}

/** Which of BIGINT, DOUBLE, BOOLEAN, TIMESTAMPTZ every non-empty value of a text expression parses as. */
function probes(v: string, i: number | ''): string {
  return `count(${v}) AS n${i},
      bool_and(${v} IS NULL OR (regexp_full_match(${v}, '[+-]?[0-9]{1,18}') AND NOT regexp_full_match(${v}, '[+-]?0[0-9]+'))) AS i${i},
      bool_and(${v} IS NULL OR TRY_CAST(${v} AS DOUBLE) IS NOT NULL) AS d${i},
      bool_and(${v} IS NULL OR lower(${v}) IN ('true', 'false')) AS b${i},
      bool_and(${v} IS NULL OR (regexp_matches(${v}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS TIMESTAMPTZ) IS NOT NULL)) AS t${i}`;
}

const typeOf = (row: Record<string, unknown>, i: number | ''): string =>
  !row[`n${i}`] ? 'VARCHAR'
  : row[`i${i}`] ? 'BIGINT'
  : row[`d${i}`] ? 'DOUBLE'
  : row[`b${i}`] ? 'BOOLEAN'
  : row[`t${i}`] ? 'TIMESTAMPTZ'
  : 'VARCHAR';

/** The SQL type each string-valued key's values all parse as (VARCHAR when none fits). */
async function probeStrings(db: Db, stage: string, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  if (names.length > COLUMNS_PER_STATEMENT) {
    const rows = await db.rows(`SELECT k, ${probes('v', '')} FROM (SELECT k, NULLIF(trim(v), '') AS v FROM ${keyValuePairs(stage, names, 'VARCHAR')}) GROUP BY k`);
    return new Map(rows.map((r) => [String(r.k), typeOf(r, '')]));
  }
  const parsed = new ParsedRow(names, new Set());
  const all = names.map((k, i) => probes(`NULLIF(trim(${parsed.field(k)}), '')`, i));
  const row = (await db.rows(`SELECT ${all.join(', ')} FROM ${parsed.from(stage)} WHERE __ok`))[0] ?? {};
  return new Map(names.map((k, i) => [k, typeOf(row, i)]));
}
