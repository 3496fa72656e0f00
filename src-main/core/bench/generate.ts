/**
 * Deterministic bench inputs, written by DuckDB itself (fast at 10M rows): seed 004 event
 * envelopes as NDJSON (8 events a session, ~2% of sessions without analytics consent, ~4%
 * anonymous, no duplicates, times in Z) and a seed 002 jobs export of a few thousand rows.
 * Every pseudo-random column is hash(row, salt), so the same N gives the same files.
 */
import { join } from 'node:path';
import type { Db } from '../db';

export const JOB_ROWS = 3_000;
export const EVENTS_PER_SESSION = 8;
/** The funnel the bench measures (by session). */
export const FUNNEL_STEPS = ['commerce.view', 'commerce.add_to_cart', 'commerce.checkout'] as const;

const NAMES = ['commerce.view', 'commerce.view', 'commerce.add_to_cart', 'commerce.checkout', 'kb.search', 'kb.hit', 'voice.turn_started', 'voice.first_response', 'ai.tool_call_started', 'ai.tool_call_completed', 'booking.slot_hold', 'booking.confirmed'];
const SOURCES = ['web', 'widget', 'voice_ws', 'server'];
const TENANTS = ['t_aurora', 't_birch', 't_cobalt', 't_dune'];
const STATUSES = ['delivered', 'delivered', 'delivered', 'delivered', 'blocked', 'aborted', 'pending', 'processing'];
const PROVIDERS = ['anthropic', 'openai', 'google'];
const STRATEGIES = ['multi_stage', 'single_pass', 'outline_first'];

const list = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
/** values[hash(seed) mod n], 1-based as DuckDB lists are. */
const pick = (values: readonly string[], seed: string) => `${list(values)}[1 + (${seed}) % ${values.length}]`;
/** A pseudo-random BIGINT in [0, 1e9+7) from a row expression and a salt. */
const h = (expr: string, salt: number) => `CAST(hash(${expr}, ${salt}) % 1000000007 AS BIGINT)`;

export interface BenchFiles {
  readonly events: string;
  readonly jobs: string;
}

function eventsSql(events: number, path: string): string {
  const users = Math.max(10, Math.floor(events / 40));
  return `COPY (
    WITH rows AS (SELECT range AS i, range // ${EVENTS_PER_SESSION} AS s FROM range(${events})),
    timed AS (
      SELECT i, s, TIMESTAMP '2026-09-01 00:00:00' + to_seconds(CAST(${h('s', 1)} % ${59 * 86_400} AS BIGINT))
             + to_seconds(CAST((i % ${EVENTS_PER_SESSION}) * 37 AS BIGINT)) AS t
      FROM rows
    )
    SELECT
      'evt-' || lpad(CAST(i AS VARCHAR), 10, '0') AS event_id,
      ${pick(NAMES, h('i', 2))} AS event_name,
      strftime(t, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at,
      ${pick(TENANTS, h('s', 3))} AS tenant_id,
      'sess-' || CAST(s AS VARCHAR) AS session_id,
      CASE WHEN ${h('s', 4)} % 25 = 0 THEN NULL ELSE 'usr_' || CAST(${h('s', 5)} % ${users} AS VARCHAR) END AS user_id,
      ${pick(SOURCES, h('s', 6))} AS source,
      {'latency_ms': round(CAST(${h('i', 7)} % 2000000 AS DOUBLE) / 1000, 3), 'step': CAST(i % ${EVENTS_PER_SESSION} AS INTEGER)} AS attributes,
      {'locale': 'en-GB', 'consent': {'analytics': ${h('s', 8)} % 50 <> 0, 'ads': ${h('s', 9)} % 2 = 0}} AS context
    FROM timed ORDER BY i
  ) TO '${path}' (FORMAT json)`;
}

function jobsSql(path: string): string {
  return `COPY (
    WITH rows AS (
      SELECT range AS i, TIMESTAMP '2026-09-20 00:00:00' + to_seconds(CAST(${h('range', 11)} % ${40 * 86_400} AS BIGINT)) AS t
      FROM range(${JOB_ROWS})
    ), shaped AS (
      SELECT i, t, ${pick(STATUSES, h('i', 12))} AS status, CAST(${h('i', 13)} % 600 AS DOUBLE) / 10 + 5 AS secs FROM rows
    )
    SELECT
      'job-' || lpad(CAST(i AS VARCHAR), 6, '0') AS job_id,
      strftime(t, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
      CASE WHEN status = 'pending' THEN NULL ELSE strftime(t + INTERVAL 30 SECOND, '%Y-%m-%dT%H:%M:%SZ') END AS started_at,
      CASE WHEN status IN ('pending', 'processing') THEN NULL
           ELSE strftime(t + INTERVAL 30 SECOND + to_microseconds(CAST(secs * 1000000 AS BIGINT)), '%Y-%m-%dT%H:%M:%SZ') END AS completed_at,
      status,
      ${pick(PROVIDERS, h('i', 14))} AS provider,
      ${pick(STRATEGIES, h('i', 15))} AS strategy,
      'publisher-' || CAST(${h('i', 16)} % 40 AS VARCHAR) || '.example' AS publisher,
      'https://target.example/p/' || CAST(i AS VARCHAR) AS target_url,
      'anchor ' || CAST(i % 97 AS VARCHAR) AS anchor_text,
      round(CAST(${h('i', 17)} % 500 AS DOUBLE) / 1000 + 0.05, 2) AS estimated_cost,
      CASE WHEN status = 'pending' THEN NULL ELSE round(CAST(${h('i', 18)} % 800 AS DOUBLE) / 1000 + 0.04, 2) END AS cost,
      CASE WHEN status IN ('pending', 'processing') THEN NULL ELSE secs END AS generation_seconds
    FROM shaped ORDER BY i
  ) TO '${path}' (FORMAT json)`;
}

/** Writes events.ndjson (N events) and jobs.ndjson into dir with the given DuckDB connection. */
export async function writeBenchFiles(db: Db, dir: string, events: number): Promise<BenchFiles> {
  const files = { events: join(dir, 'events.ndjson'), jobs: join(dir, 'jobs.ndjson') };
  await db.run(eventsSql(events, files.events.replaceAll("'", "''")));
  await db.run(jobsSql(files.jobs.replaceAll("'", "''")));
  return files;
}
