/**
 * The keys found in the staged rows, in order of first appearance, with their JSON types; and
 * the SQL type each extra key is kept as (strings that all parse as numbers, booleans or
 * timestamps are typed as such — CSV cells arrive as strings).
 */
import type { Db } from '../db';
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

/** The top-level keys, in order of first appearance. */
export async function keyNames(db: Db, stage: string): Promise<string[]> {
  const rows = await db.rows(
    `SELECT k FROM (SELECT __file, __line, unnest(json_keys(__text)) AS k, generate_subscripts(json_keys(__text), 1) AS p FROM ${stage} WHERE __ok)
     GROUP BY k ORDER BY min(__file * 1e12 + __line * 1e4 + p), k`,
  );
  return rows.map((r) => String(r.k));
}

/** The JSON type of each named key's values (one parse per row; only the keys asked for). */
export async function keyTypes(db: Db, stage: string, names: readonly string[]): Promise<SourceKey[]> {
  if (names.length === 0) return [];
  const parsed = new ParsedRow(names, new Set(names));
  const lists = names.map((k, i) => `list_distinct(list(json_type(${parsed.field(k)}))) AS t${i}`);
  const row = (await db.rows(`SELECT ${lists.join(', ')} FROM ${parsed.from(stage)} WHERE __ok`))[0] ?? {};
  return names.map((name, i) => {
    const types = row[`t${i}`];
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
  if (strings.length === 0) return types;
  const parsed = new ParsedRow(strings.map((k) => k.name), new Set());
  const probes = strings.map((k, i) => {
    const v = `NULLIF(trim(${parsed.field(k.name)}), '')`;
    return `count(${v}) AS n${i},
      bool_and(${v} IS NULL OR (regexp_full_match(${v}, '[+-]?[0-9]{1,18}') AND NOT regexp_full_match(${v}, '[+-]?0[0-9]+'))) AS i${i},
      bool_and(${v} IS NULL OR TRY_CAST(${v} AS DOUBLE) IS NOT NULL) AS d${i},
      bool_and(${v} IS NULL OR lower(${v}) IN ('true', 'false')) AS b${i},
      bool_and(${v} IS NULL OR (regexp_matches(${v}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS TIMESTAMPTZ) IS NOT NULL)) AS t${i}`;
  });
  const row = (await db.rows(`SELECT ${probes.join(', ')} FROM ${parsed.from(stage)} WHERE __ok`))[0] ?? {};
  strings.forEach((k, i) => {
    const type =
      !row[`n${i}`] ? 'VARCHAR'
      : row[`i${i}`] ? 'BIGINT'
      : row[`d${i}`] ? 'DOUBLE'
      : row[`b${i}`] ? 'BOOLEAN'
      : row[`t${i}`] ? 'TIMESTAMPTZ'
      : 'VARCHAR';
    types.set(k.name, type);
  });
  return types;
}
