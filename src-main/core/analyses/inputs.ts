/**
 * Input guards the analyses share: the dataset's kind, a [from, to) range, and a field that must
 * exist (a real column, or an attributes key that at least one row has). SQL is built from
 * Fragments (query/fragment.ts): values are bound `?`, identifiers pass quoteIdent after the
 * lookup in query/fields.ts.
 */
import type { DatasetInfo, DatasetKind } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import type { Workspace } from '../workspace';
import { fieldResolver, type ResolvedField } from '../query/fields';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { formatInstant, parseInstant } from '../query/instant';

/**
 * A request value as an error message shows it: primitives as String() writes them, anything
 * else as JSON (a JSON object may carry its own "toString", which String() would trip on),
 * cut to 80 characters.
 */
export function shown(v: unknown): string {
  const text = v === null || typeof v !== 'object' ? String(v) : (JSON.stringify(v) ?? typeof v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** The dataset, after checking it is of one of the kinds an analysis works on. */
export async function requireKind(ws: Workspace, dataset: string, kinds: readonly DatasetKind[], analysis: string): Promise<DatasetInfo> {
  const info = await ws.dataset(dataset);
  if (kinds.includes(info.kind)) return info;
  const names = (await ws.datasets()).filter((d) => kinds.includes(d.kind)).map((d) => d.name);
  const wanted = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}` : (kinds[0] ?? '');
  throw new UserError(
    'wrong_kind',
    `${analysis} cannot run on "${dataset}": it is a ${info.kind} dataset, not ${wanted}`,
    names.length > 0
      ? `${wanted} datasets here: ${names.join(', ')}`
      : `this workspace has no ${wanted} dataset yet: import one (tallybook import -k ${kinds[0] ?? 'events'} …)`,
  );
}

export interface Bounds {
  /** ISO 8601 UTC (formatInstant), null when not given. */
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * Reads a [from, to) range: ISO 8601 instants (no zone = UTC) with from before to, else a
 * 'bad_request'. The result is normalised so DuckDB reads exactly what was checked.
 */
export function readBounds(from: string | undefined, to: string | undefined): Bounds {
  const read = (text: string | undefined, name: string) => {
    if (text === undefined) return null;
    const t = typeof text === 'string' ? parseInstant(text) : null;
    if (t === null) throw new UserError('bad_request', `${name} "${shown(text)}" is not a timestamp`, 'use ISO 8601, e.g. 2025-11-01T00:00:00Z');
    return t;
  };
  const f = read(from, 'from');
  const t = read(to, 'to');
  if (f !== null && t !== null && f >= t) {
    throw new UserError('bad_request', `from ${String(from)} is not before to ${String(to)}`, 'from is included and to excluded: pick a later to');
  }
  return { from: f === null ? null : formatInstant(f), to: t === null ? null : formatInstant(t) };
}

/** `ts >= from AND ts < to` for the bounds given; TRUE without any. */
export function timeBounds(ts: Fragment, from: string | undefined, to: string | undefined): Fragment {
  const b = readBounds(from, to);
  const parts: Fragment[] = [];
  if (b.from !== null) parts.push(sql`${ts} >= CAST(${b.from} AS TIMESTAMPTZ)`);
  if (b.to !== null) parts.push(sql`${ts} < CAST(${b.to} AS TIMESTAMPTZ)`);
  return parts.length > 0 ? join(parts, ' AND ') : raw('TRUE');
}

/**
 * A field of the dataset (column first, else an attributes key), refused with 'unknown_field'
 * when it is an attributes key that no row has — most likely a typo.
 */
export async function existingField(ws: Workspace, info: DatasetInfo, name: string): Promise<ResolvedField> {
  const field = fieldResolver(info.name, info.columns).resolve(name);
  if (field.source === 'column') return field;
  const probe = sql`SELECT count(*) FROM (SELECT 1 FROM ${ident(info.name)} WHERE ${field.expr} IS NOT NULL LIMIT 1)`;
  if ((await ws.db.value(probe.sql, probe.params)) !== 0) return field;
  throw new UserError(
    'unknown_field',
    `"${name}" is neither a column nor an attribute key of dataset "${info.name}"`,
    `columns: ${info.columns.map((c) => c.name).join(', ')}; attribute keys match exactly (case and dots included)`,
  );
}

/** A field's value as text. */
export function asText(field: ResolvedField): Fragment {
  return field.source === 'attribute' ? field.expr : sql`CAST(${field.expr} AS VARCHAR)`;
}
