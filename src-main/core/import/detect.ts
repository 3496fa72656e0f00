/**
 * Kind detection and column mapping. Source keys are matched to canonical columns by their
 * normalised names (case, spaces, `_` and `-` ignored) and the aliases of kinds.ts; the user may
 * force a kind and override any mapping.
 */
import type { DatasetKind } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { CANONICAL, normaliseHeader, type CanonicalColumn } from '../kinds';

/** A source key and the JSON type DuckDB found for it (VARCHAR, BIGINT, DOUBLE, OBJECT, …). */
export interface SourceKey {
  readonly name: string;
  readonly type: string;
}

/**
 * Canonical column -> the source keys holding it. Several keys when the files of one import name
 * the column differently (a CSV's "Job ID" and a JSON export's job_id): each row has one of them.
 */
export type Mapping = Record<string, string[]>;

/** Marker for an event_id synthesised from the row content when the source has no id column. */
export const HASHED_ID = '(hash of row)';
/** Marker for event_name = entity_type || '.' || action (seed 003 events). */
export const ENTITY_ACTION = '(entity_type.action)';

function autoMap(columns: readonly CanonicalColumn[], keys: readonly SourceKey[]): Mapping {
  const byNorm = new Map<string, string[]>();
  for (const k of keys) {
    const norm = normaliseHeader(k.name);
    byNorm.set(norm, [...(byNorm.get(norm) ?? []), k.name]);
  }
  const used = new Set<string>();
  const mapping: Mapping = {};
  // Exact canonical names first, so that an `id` alias never steals a real `event_id`; then the
  // first alias that matches adds its keys (one import may hold a CSV's "Actual Cost" and a JSON
  // export's cost: each row has one of them).
  const claim = (column: string, found: string[]) => {
    mapping[column] = [...(mapping[column] ?? []), ...found];
    found.forEach((k) => used.add(k));
  };
  for (const c of columns) {
    const found = (byNorm.get(c.aliases[0]!) ?? []).filter((k) => !used.has(k));
    if (found.length > 0) claim(c.name, found);
  }
  for (const c of columns) {
    for (const alias of c.aliases.slice(1)) {
      const found = (byNorm.get(alias) ?? []).filter((k) => !used.has(k));
      if (found.length > 0) {
        claim(c.name, found);
        break;
      }
    }
  }
  return mapping;
}

const isNumeric = (t: string) => /INT|DOUBLE|DECIMAL|FLOAT/.test(t);

function looksLikeMetrics(keys: readonly SourceKey[], mapping: Mapping): boolean {
  const ts = mapping.ts;
  if (!ts) return false;
  return keys.some((k) => !ts.includes(k.name) && (k.type === 'OBJECT' || isNumeric(k.type)));
}

export function mapKind(kind: Exclude<DatasetKind, 'table'>, keys: readonly SourceKey[]): Mapping {
  const mapping = autoMap(CANONICAL[kind], keys);
  if (kind === 'metrics') {
    // Only the timestamp is mapped: every other numeric leaf becomes a metric.
    return mapping.ts ? { ts: mapping.ts } : {};
  }
  return mapping;
}

export function detectKind(keys: readonly SourceKey[]): DatasetKind {
  const jobs = mapKind('jobs', keys);
  if (jobs.job_id && (jobs.status || jobs.created_at || jobs.provider) && !keys.some((k) => normaliseHeader(k.name) === 'eventname')) return 'jobs';
  const events = mapKind('events', keys);
  const hasName = events.event_name || (hasKey(keys, 'entitytype') && hasKey(keys, 'action'));
  if (hasName && events.occurred_at) return 'events';
  if (looksLikeMetrics(keys, autoMap(CANONICAL.metrics, keys))) return 'metrics';
  return 'table';
}

function hasKey(keys: readonly SourceKey[], norm: string): boolean {
  return keys.some((k) => normaliseHeader(k.name) === norm);
}

export function findKey(keys: readonly SourceKey[], norm: string): string | undefined {
  return keys.find((k) => normaliseHeader(k.name) === norm)?.name;
}

const REQUIRED: Record<Exclude<DatasetKind, 'table'>, readonly string[]> = {
  events: ['event_name', 'occurred_at'],
  jobs: ['job_id'],
  metrics: ['ts'],
};

/**
 * The mapping for a kind: automatic, then the user's overrides, then checked: every required
 * canonical column must be found, or the import stops with a message naming what is missing.
 */
export function resolveMapping(
  kind: DatasetKind,
  keys: readonly SourceKey[],
  overrides: Readonly<Record<string, string>>,
  where: string,
): Mapping {
  if (kind === 'table') {
    if (Object.keys(overrides).length) throw new UserError('bad_request', '--map applies to events, jobs and metrics imports, not tables');
    return {};
  }
  const canonical = CANONICAL[kind];
  const mapping = mapKind(kind, keys);
  for (const [field, column] of Object.entries(overrides)) {
    if (!canonical.some((c) => c.name === field)) {
      throw new UserError('unknown_field', `--map ${field}=…: ${kind} have no field "${field}"`, `fields: ${canonical.map((c) => c.name).join(', ')}`);
    }
    if (!keys.some((k) => k.name === column)) {
      throw new UserError('unknown_field', `--map ${field}=${column}: ${where} has no column "${column}"`, `columns: ${keys.map((k) => k.name).join(', ')}`);
    }
    mapping[field] = [column];
  }
  if (kind === 'events' && !mapping.event_name && findKey(keys, 'entitytype') && findKey(keys, 'action')) {
    mapping.event_name = [ENTITY_ACTION];
  }
  if (kind === 'events' && !mapping.event_id) mapping.event_id = [HASHED_ID];
  for (const field of REQUIRED[kind]) {
    if (!mapping[field]) {
      const aliases = canonical.find((c) => c.name === field)?.aliases ?? [];
      throw new UserError(
        'wrong_kind',
        `${where} does not look like ${kind}: no column for ${field} (looked for ${aliases.join(', ')}; found ${keys.map((k) => k.name).join(', ') || 'no columns'})`,
        `map one with --map ${field}=COLUMN, or import with another --kind (e.g. --kind table)`,
      );
    }
  }
  return mapping;
}
