/**
 * Canonical rows: one SELECT over the stage that types every canonical column, keeps the other
 * keys as typed extra columns, and names the reject reason of each row (NULL when it is good).
 * Reasons, first match wins: malformed_row, then the kind's required fields, then unparsable
 * timestamps, then unparsable numbers. Everything here is SQL text built from checked keys
 * (quoted as string literals); no values from the user reach it.
 */
import type { DatasetKind } from '../../../src-shared/datasets';
import { quoteLiteral } from '../identifiers';
import { CANONICAL, SQL_TYPES, type CanonicalColumn } from '../kinds';
import { ENTITY_ACTION, HASHED_ID, findKey, type Mapping, type SourceKey } from './detect';

/** The row parsed once into a struct of its keys (VARCHAR, or JSON for objects kept as JSON). */
export const DOC = `__s`;

/**
 * `json_transform` spec: every key as VARCHAR except those kept as JSON, written in key order
 * (fields are read back by position: struct names are case-insensitive, keys are not).
 */
export function structSpec(keys: readonly string[], jsonKeys: ReadonlySet<string>): string {
  return quoteLiteral(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(jsonKeys.has(k) ? 'JSON' : 'VARCHAR')}`).join(',')}}`);
}

/** The row parsed once: a struct whose i-th field is the i-th key. */
export class ParsedRow {
  private readonly position: Map<string, number>;
  constructor(
    private readonly keys: readonly string[],
    readonly jsonKeys: ReadonlySet<string>,
  ) {
    this.position = new Map(keys.map((k, i) => [k, i + 1]));
  }

  /** The stage with each good row parsed into __s. */
  from(stage: string): string {
    const parsed = this.keys.length ? `CASE WHEN __ok THEN json_transform(__text, ${structSpec(this.keys, this.jsonKeys)}) END` : 'NULL';
    return `(SELECT *, ${parsed} AS ${DOC} FROM ${stage})`;
  }

  field(key: string): string {
    const i = this.position.get(key);
    if (i === undefined) throw new Error(`key ${key} is not parsed`);
    return `struct_extract_at(${DOC}, ${i})`;
  }
}

/**
 * `x` without its leading and trailing spaces, NULL when nothing is left; only text that has
 * such spaces is trimmed (trimming every value cost 0.2 s per million rows).
 */
const trimmedOrNull = (x: string) => `CASE WHEN ${x} = '' OR starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN NULLIF(trim(${x}), '') ELSE ${x} END`;

/** Text of a key: trimmed, empty -> NULL. Several keys: the first non-null. */
function text(keys: readonly string[], row: ParsedRow): string {
  const parts = keys.map((k) => trimmedOrNull(row.jsonKeys.has(k) ? `json_extract_string(${row.field(k)}, '$')` : row.field(k)));
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

/** JSON of a key; a JSON document stored as a string (CSV exports) is parsed. */
function json(keys: readonly string[], row: ParsedRow): string {
  const one = (k: string) => {
    const v = row.field(k);
    const s = `json_extract_string(${v}, '$')`;
    return `CASE json_type(${v}) WHEN 'NULL' THEN NULL WHEN 'VARCHAR' THEN (CASE WHEN json_valid(${s}) THEN (${s})::JSON ELSE ${v} END) ELSE ${v} END`;
  };
  return keys.length === 1 ? one(keys[0]!) : `coalesce(${keys.map(one).join(', ')})`;
}

/** ISO 8601 / RFC 3339 with any offset (normalised to UTC), or epoch seconds / milliseconds. */
export function parseTimestamp(txt: string): string {
  return `CASE WHEN ${txt} IS NULL THEN NULL
    WHEN regexp_full_match(${txt}, '-?[0-9]{9,}(\\.[0-9]+)?') THEN
      CASE WHEN abs(TRY_CAST(${txt} AS DOUBLE)) >= 1e11 THEN to_timestamp(TRY_CAST(${txt} AS DOUBLE) / 1000) ELSE to_timestamp(TRY_CAST(${txt} AS DOUBLE)) END
    ELSE TRY_CAST(${txt} AS TIMESTAMPTZ) END`;
}

function parseAs(sqlType: string, txt: string): string {
  switch (sqlType) {
    case 'TIMESTAMPTZ':
      return parseTimestamp(txt);
    case 'DOUBLE':
      return `TRY_CAST(replace(${txt}, '$', '') AS DOUBLE)`;
    case 'BIGINT':
      return `CAST(round(TRY_CAST(${txt} AS DOUBLE)) AS BIGINT)`;
    case 'BOOLEAN':
      return `TRY_CAST(${txt} AS BOOLEAN)`;
    default:
      return txt;
  }
}

export interface OutputColumn {
  /** Column name in the dataset table. */
  readonly name: string;
  readonly sqlType: string;
}

export interface CanonicalSelect {
  /** SELECT producing __file, __line, __text, __reason, __id, __no_consent and c0..cN. */
  readonly sql: string;
  /** The dataset columns c0..cN stand for, in order. */
  readonly columns: readonly OutputColumn[];
}

interface Part {
  readonly name: string;
  readonly sqlType: string;
  readonly expr: string;
  /** Raw text whose presence with a NULL value means the value did not parse. */
  readonly check?: { txt: string; reason: string; required: boolean };
}

function canonicalParts(kind: Exclude<DatasetKind, 'table' | 'metrics'>, mapping: Mapping, keys: readonly SourceKey[], row: ParsedRow): Part[] {
  const parts: Part[] = [];
  for (const c of CANONICAL[kind] as readonly CanonicalColumn[]) {
    const src = mapping[c.name];
    const sqlType = SQL_TYPES[c.type];
    if (!src || src.length === 0) {
      parts.push({ name: c.name, sqlType, expr: c.type === 'json' && c.name === 'attributes' ? `'{}'::JSON` : `NULL::${sqlType}` });
      continue;
    }
    if (src[0] === HASHED_ID) {
      parts.push({ name: c.name, sqlType, expr: `md5(__text)` });
      continue;
    }
    if (src[0] === ENTITY_ACTION) {
      const et = text([findKey(keys, 'entitytype')!], row);
      const ac = text([findKey(keys, 'action')!], row);
      parts.push({ name: c.name, sqlType, expr: `(${et} || '.' || ${ac})` });
      continue;
    }
    if (c.type === 'json') {
      const expr = json(src, row);
      parts.push({ name: c.name, sqlType, expr: c.name === 'attributes' ? `coalesce(${expr}, '{}'::JSON)` : expr });
      continue;
    }
    let txt = text(src, row);
    if (kind === 'jobs' && c.name === 'status') txt = `lower(${txt})`;
    if (kind === 'jobs' && c.name === 'qc_status') txt = `upper(${txt})`;
    const check =
      c.type === 'timestamp'
        ? { txt, reason: 'invalid_timestamp', required: c.name === 'occurred_at' || c.name === 'created_at' }
        : c.type === 'double' || c.type === 'integer'
          ? { txt, reason: 'invalid_number', required: false }
          : undefined;
    parts.push({ name: c.name, sqlType, expr: parseAs(sqlType, txt), ...(check ? { check } : {}) });
  }
  return kind === 'jobs' ? withGenerationSeconds(parts) : parts;
}

/** generation_seconds = completed_at − started_at when both are known, else the exported value. */
function withGenerationSeconds(parts: Part[]): Part[] {
  const expr = (name: string) => parts.find((p) => p.name === name)!.expr;
  const computed = `(epoch_ms(${expr('completed_at')}) - epoch_ms(${expr('started_at')})) / 1000`;
  return parts.map((p) => (p.name === 'generation_seconds' ? { ...p, expr: `coalesce(${computed}, ${p.expr})` } : p));
}

/** Every key no canonical column consumed, typed; renamed with _src when it clashes with one. */
function extraParts(keys: readonly SourceKey[], types: ReadonlyMap<string, string>, reserved: readonly string[], row: ParsedRow): Part[] {
  const names = new Set(reserved.map((n) => n.toLowerCase()));
  return keys.map((k) => {
    const sqlType = types.get(k.name) ?? 'VARCHAR';
    let name = k.name;
    while (names.has(name.toLowerCase())) name = `${name}_src`;
    names.add(name.toLowerCase());
    const expr = sqlType === 'JSON' ? json([k.name], row) : parseAs(sqlType, text([k.name], row));
    return { name, sqlType, expr };
  });
}

function requiredReasons(kind: DatasetKind, byName: Map<string, Part>): string[] {
  const missing = (col: string, reason: string) => (byName.has(col) ? [`WHEN c${[...byName.keys()].indexOf(col)} IS NULL THEN '${reason}'`] : []);
  if (kind === 'events') return [...missing('event_id', 'missing_event_id'), ...missing('event_name', 'missing_event_name')];
  if (kind === 'jobs') return missing('job_id', 'missing_job_id');
  return [];
}

/** The SELECT for events, jobs and tables (metrics are flattened separately). */
export function canonicalSelect(
  kind: Exclude<DatasetKind, 'metrics'>,
  mapping: Mapping,
  keys: readonly SourceKey[],
  extraTypes: ReadonlyMap<string, string>,
  stage: string,
  /** A further reject reason from the typed row (schemas), given each column's expression. */
  extraReason?: (column: (name: string) => string) => string | null,
): CanonicalSelect {
  // Seed 003's entity_type and action feed event_name and stay as their own columns too.
  const consumed = new Set(Object.values(mapping).flat());
  const unconsumed = keys.filter((k) => !consumed.has(k.name));
  const jsonKeys = new Set([
    ...(kind === 'table' ? [] : CANONICAL[kind].filter((c) => c.type === 'json').flatMap((c) => mapping[c.name] ?? [])),
    ...unconsumed.filter((k) => extraTypes.get(k.name) === 'JSON').map((k) => k.name),
  ]);
  const row = new ParsedRow(keys.map((k) => k.name), jsonKeys);
  const canonical = kind === 'table' ? [] : canonicalParts(kind, mapping, keys, row);
  const extras = extraParts(unconsumed, extraTypes, canonical.map((p) => p.name), row);
  const parts = [...canonical, ...extras];
  const byName = new Map(parts.map((p) => [p.name, p]));
  const inner = parts.map((p, i) => `${p.expr} AS c${i}`);
  const checks = parts
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.check)
    .map(({ p, i }) => ({ i, check: p.check!, txtAlias: `t${i}` }));
  const checkTexts = checks.map(({ check, txtAlias }) => `${check.txt} AS ${txtAlias}`);
  const reasonCases = [
    `WHEN NOT __ok THEN 'malformed_row'`,
    ...requiredReasons(kind, byName),
    ...checks.filter((c) => c.check.required).map((c) => `WHEN c${c.i} IS NULL THEN '${c.check.reason}'`),
    ...checks.map((c) => `WHEN ${c.txtAlias} IS NOT NULL AND c${c.i} IS NULL THEN '${c.check.reason}'`),
  ];
  const idIndex = kind === 'events' ? parts.findIndex((p) => p.name === 'event_id') : kind === 'jobs' ? parts.findIndex((p) => p.name === 'job_id') : -1;
  const ctxIndex = parts.findIndex((p) => p.name === 'context');
  const noConsent =
    kind === 'events' && ctxIndex >= 0
      ? `coalesce(lower(json_extract_string(c${ctxIndex}, '$.consent.analytics')) = 'false', false)`
      : 'false';
  const more = extraReason?.((name) => `c${parts.findIndex((p) => p.name === name)}`) ?? null;
  const reason = `CASE ${reasonCases.join(' ')} ELSE NULL END`;
  const sql = `
    SELECT __file, __line, __text, ${more ? `coalesce(${reason}, ${more})` : reason} AS __reason,
      ${idIndex >= 0 ? `c${idIndex}` : 'NULL::VARCHAR'} AS __id, ${noConsent} AS __no_consent,
      ${parts.map((_, i) => `c${i}`).join(', ') || 'NULL AS __none'}
    FROM (
      SELECT __file, __line, __text, __ok${inner.length ? ', ' + inner.join(', ') : ''}${checkTexts.length ? ', ' + checkTexts.join(', ') : ''}
      FROM ${row.from(stage)}
    )`;
  return { sql, columns: parts.map((p) => ({ name: p.name, sqlType: p.sqlType })) };
}

/** Metrics snapshots: one row per snapshot document, typed timestamp as c0 (see flattenMetrics). */
export function metricsSelect(mapping: Mapping, stage: string): CanonicalSelect {
  const row = new ParsedRow(mapping.ts ?? [], new Set());
  const ts = parseTimestamp(text(mapping.ts ?? [], row));
  const sql = `
    SELECT __file, __line, __text,
      CASE WHEN NOT __ok THEN 'malformed_row' WHEN c0 IS NULL THEN 'invalid_timestamp' ELSE NULL END AS __reason,
      md5(__text) AS __id, false AS __no_consent, c0
    FROM (SELECT __file, __line, __text, __ok, ${ts} AS c0 FROM ${row.from(stage)})`;
  return { sql, columns: [{ name: 'ts', sqlType: 'TIMESTAMPTZ' }] };
}

/**
 * The metric points of imported snapshot rows: every numeric leaf (not inside an array) becomes
 * (ts, metric = its dotted path, value, source_file, snapshot_id).
 */
export function flattenMetricsSql(outcome: string, files: string, tsKeys: readonly string[]): string {
  const skip = tsKeys.map((k) => quoteLiteral(`$.${k}`)).join(', ') || `''`;
  return `
    SELECT o.c0 AS ts, replace(substr(t.fullkey, 3), '"', '') AS metric, TRY_CAST(t.atom AS DOUBLE) AS value,
           f.path AS source_file, o.__id AS snapshot_id
    FROM ${outcome} o JOIN ${files} f ON f.idx = o.__file, json_tree(o.__text::JSON) t
    WHERE o.__outcome = 'imported' AND t.type IN ('UBIGINT', 'BIGINT', 'DOUBLE')
      AND t.fullkey NOT LIKE '%[%' AND t.fullkey NOT IN (${skip})`;
}
