/**
 * The PostgreSQL side of `bench --vs postgres`: the load script and the events questions of
 * queries.ts in PostgreSQL's SQL. The table is seed 004's `analytics_events_raw` (same columns,
 * JSONB attributes and context, its primary key, unique event_id and three indexes) except that
 * the id-like columns are TEXT, because the bench's ids are not UUIDs. As the seed's ingestion
 * does, events whose context refuses analytics consent are dropped at load, so the questions
 * read the table as it is. The file is read with CSV format and quote and delimiter characters
 * that JSON text never holds raw (U+0001, U+0002), so every line arrives untouched, backslashes
 * included. Each query's name is the name of the raw-DuckDB query it is compared with; days come
 * out as the ISO strings the DuckDB side prints, so the answers compare cell by cell.
 */
import { FUNNEL_STEPS } from './generate';
import type { PgCell } from './postgres-psql';
import type { Row } from './same-answer';

export const PG_TABLE = 'analytics_events_raw';

export interface PgBenchQuery {
  /** The name of the BENCH_QUERIES entry whose raw answer this one must equal. */
  readonly name: string;
  readonly sql: string;
  /** How each printed cell becomes a value. */
  readonly cells: readonly ('text' | 'number')[];
}

/** psql's client-side \copy takes the file name on one line in single quotes. */
function copyPath(path: string): string {
  if (/['\n\r\\]/.test(path)) throw new Error(`bench: PostgreSQL cannot \\copy from a path with quotes, backslashes or newlines: ${path}`);
  return `'${path}'`;
}

/**
 * One transaction: the table, a temporary JSONB staging table filled by \copy, the insert that
 * shapes and filters, the keys and indexes; then VACUUM ANALYZE and the count of kept events.
 */
export function loadScript(eventsFile: string): string {
  return `BEGIN;
CREATE TABLE ${PG_TABLE} (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  tenant_id TEXT NOT NULL,
  site_id TEXT,
  event_id TEXT NOT NULL,
  event_name TEXT NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  session_id TEXT,
  user_id TEXT,
  source TEXT NOT NULL,
  attributes JSONB NOT NULL DEFAULT '{}',
  context JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE TEMP TABLE events_ndjson (doc JSONB) ON COMMIT DROP;
\\copy events_ndjson (doc) FROM ${copyPath(eventsFile)} WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
INSERT INTO ${PG_TABLE} (tenant_id, site_id, event_id, event_name, occurred_at, session_id, user_id, source, attributes, context)
SELECT doc->>'tenant_id', doc->>'site_id', doc->>'event_id', doc->>'event_name', (doc->>'occurred_at')::timestamptz,
       doc->>'session_id', doc->>'user_id', doc->>'source', coalesce(doc->'attributes', '{}'), doc->'context'
FROM events_ndjson WHERE coalesce((doc #>> '{context,consent,analytics}')::boolean, true);
ALTER TABLE ${PG_TABLE} ADD PRIMARY KEY (id), ADD UNIQUE (event_id);
CREATE INDEX idx_analytics_events_tenant_time ON ${PG_TABLE} (tenant_id, occurred_at);
CREATE INDEX idx_analytics_events_name_time ON ${PG_TABLE} (event_name, occurred_at);
CREATE INDEX idx_analytics_events_site_time ON ${PG_TABLE} (site_id, occurred_at) WHERE site_id IS NOT NULL;
COMMIT;
VACUUM ANALYZE ${PG_TABLE};
SELECT count(*) FROM ${PG_TABLE};`;
}

/** A UTC day (the server runs in UTC) as DuckDB's TIMESTAMPTZ prints it: 2026-09-01T00:00:00Z. */
const DAY = `date_trunc('day', occurred_at)`;
const isoDay = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const step = (i: number) => `SELECT session_id AS u, occurred_at AS t FROM ${PG_TABLE} WHERE session_id IS NOT NULL AND event_name = '${FUNNEL_STEPS[i]}'`;

export const PG_QUERIES: readonly PgBenchQuery[] = [
  {
    name: 'daily counts by event',
    sql: `SELECT ${isoDay(DAY)}, event_name, count(*) FROM ${PG_TABLE} GROUP BY ${DAY}, event_name`,
    cells: ['text', 'text', 'number'],
  },
  {
    name: 'p95 latency_ms per day',
    sql: `SELECT ${isoDay(DAY)}, percentile_cont(0.95) WITHIN GROUP (ORDER BY (attributes->>'latency_ms')::float8)
          FROM ${PG_TABLE} GROUP BY ${DAY} ORDER BY ${DAY}`,
    cells: ['text', 'number'],
  },
  {
    name: 'DAU',
    sql: `SELECT ${isoDay(DAY)}, count(DISTINCT user_id) FROM ${PG_TABLE} GROUP BY ${DAY}`,
    cells: ['text', 'number'],
  },
  {
    name: 'WAU/MAU',
    sql: `WITH active AS (SELECT DISTINCT user_id AS u, occurred_at::date AS day FROM ${PG_TABLE} WHERE user_id IS NOT NULL),
          calendar AS (SELECT d::date AS day FROM generate_series((SELECT min(day) FROM active)::timestamp,
                       (SELECT max(day) FROM active)::timestamp, interval '1 day') d)
          SELECT c.day::text, count(DISTINCT a.u) FILTER (WHERE a.day = c.day), count(DISTINCT a.u) FILTER (WHERE a.day > c.day - 7),
                 count(DISTINCT a.u)
          FROM calendar c LEFT JOIN active a ON a.day BETWEEN c.day - 29 AND c.day GROUP BY c.day ORDER BY c.day`,
    cells: ['text', 'number', 'number', 'number'],
  },
  {
    name: '3-step funnel by session',
    sql: `WITH s1 AS (${step(0)}), s2 AS (${step(1)}), s3 AS (${step(2)}),
          b AS (SELECT s1.u, s1.t AS t1, min(s2.t) AS t2 FROM s1 JOIN s2 ON s2.u = s1.u AND s2.t BETWEEN s1.t AND s1.t + interval '14 days'
                GROUP BY s1.u, s1.t),
          c AS (SELECT DISTINCT b.u FROM b JOIN s3 ON s3.u = b.u AND s3.t BETWEEN b.t2 AND b.t1 + interval '14 days')
          SELECT 1, (SELECT count(DISTINCT u) FROM s1) UNION ALL SELECT 2, (SELECT count(DISTINCT u) FROM b)
          UNION ALL SELECT 3, (SELECT count(*) FROM c) ORDER BY 1`,
    cells: ['number', 'number'],
  },
  {
    name: 'top 10 users',
    sql: `WITH counted AS (SELECT user_id, count(*) AS n FROM ${PG_TABLE} GROUP BY 1),
          ranked AS (SELECT *, row_number() OVER (ORDER BY n DESC, user_id ASC NULLS LAST) > 10 AS other FROM counted)
          SELECT CASE WHEN other THEN 'Other' ELSE user_id END AS value, sum(n)::bigint AS count FROM ranked
          GROUP BY 1, other ORDER BY other, count DESC, value ASC NULLS LAST`,
    cells: ['text', 'number'],
  },
];

/** A printed psql row as values: numbers parsed (float8 prints round-trip exact), NULL kept. */
export function pgRow(cells: readonly PgCell[], kinds: PgBenchQuery['cells']): Row {
  return cells.map((v, i) => (v !== null && kinds[i] === 'number' ? Number(v) : v));
}
