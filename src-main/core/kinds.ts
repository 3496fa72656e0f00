/**
 * Canonical columns of each dataset kind (PRODUCT.md "Data kinds") and the source names they
 * are recognised under. Header matching ignores case, spaces, `_` and `-`.
 */
import type { DatasetKind } from '../../src-shared/datasets';

export type CanonicalType = 'text' | 'timestamp' | 'double' | 'integer' | 'json';

export interface CanonicalColumn {
  readonly name: string;
  readonly type: CanonicalType;
  /** Normalised source names that map to this column, best first. */
  readonly aliases: readonly string[];
}

export const SQL_TYPES: Record<CanonicalType, string> = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  double: 'DOUBLE',
  integer: 'BIGINT',
  json: 'JSON',
};

/** "Job ID" -> "jobid", "created-at" -> "createdat". */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const col = (name: string, type: CanonicalType, ...aliases: string[]): CanonicalColumn => ({
  name,
  type,
  aliases: [normaliseHeader(name), ...aliases],
});

export const EVENT_COLUMNS: readonly CanonicalColumn[] = [
  col('event_id', 'text', 'id', 'eventuuid', 'uuid'),
  col('event_name', 'text', 'type', 'eventtype', 'event', 'name'),
  col('occurred_at', 'timestamp', 'generatedat', 'timestamp', 'time', 'ts', 'createdat'),
  col('received_at', 'timestamp'),
  col('tenant_id', 'text'),
  col('site_id', 'text'),
  col('session_id', 'text'),
  col('user_id', 'text', 'distinctid'),
  col('source', 'text'),
  col('attributes', 'json', 'data', 'properties', 'props'),
  col('context', 'json'),
];

export const JOB_COLUMNS: readonly CanonicalColumn[] = [
  col('job_id', 'text', 'id'),
  col('created_at', 'timestamp'),
  col('started_at', 'timestamp'),
  col('completed_at', 'timestamp'),
  col('status', 'text'),
  col('provider', 'text', 'llmprovider'),
  col('strategy', 'text'),
  col('publisher', 'text'),
  col('target_url', 'text'),
  col('anchor_text', 'text'),
  col('estimated_cost', 'double'),
  col('cost', 'double', 'actualcost'),
  col('generation_seconds', 'double', 'generationtime', 'generationtimeseconds'),
  col('qc_score', 'double'),
  col('qc_status', 'text'),
  col('issue_count', 'integer', 'issues'),
  col('user_id', 'text'),
  col('user_email', 'text', 'email'),
];

export const METRIC_COLUMNS: readonly CanonicalColumn[] = [
  col('ts', 'timestamp', 'timestamp', 'time', 'generatedat'),
  col('metric', 'text'),
  col('value', 'double'),
  col('source_file', 'text'),
];

export const CANONICAL: Record<Exclude<DatasetKind, 'table'>, readonly CanonicalColumn[]> = {
  events: EVENT_COLUMNS,
  jobs: JOB_COLUMNS,
  metrics: METRIC_COLUMNS,
};

/** The column relative ranges and grains use by default. */
export const TIME_COLUMN: Record<Exclude<DatasetKind, 'table'>, string> = {
  events: 'occurred_at',
  jobs: 'created_at',
  metrics: 'ts',
};
