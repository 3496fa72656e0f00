/**
 * Versioned catalog migrations. A workspace records the version it was written with in
 * tallybook.meta; opening it applies every later migration in one transaction, so a workspace
 * created by an older build keeps working. Append new migrations; never edit a released one.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'catalog of datasets, import history and rejected rows',
    statements: [
      `CREATE SCHEMA IF NOT EXISTS tallybook`,
      `CREATE TABLE tallybook.meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
      `CREATE TABLE tallybook.datasets (
         name VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, time_column VARCHAR,
         mapping JSON, created_at TIMESTAMPTZ NOT NULL, version BIGINT NOT NULL DEFAULT 1)`,
      `CREATE SEQUENCE tallybook.import_ids START 1`,
      `CREATE TABLE tallybook.imports (
         id BIGINT PRIMARY KEY, dataset VARCHAR NOT NULL, kind VARCHAR NOT NULL,
         started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ NOT NULL, options JSON,
         rows_read BIGINT, rows_imported BIGINT, duplicates BIGINT, rejected BIGINT,
         dropped_no_consent BIGINT, rejected_by_reason JSON)`,
      `CREATE TABLE tallybook.import_files (
         import_id BIGINT NOT NULL, path VARCHAR NOT NULL, size BIGINT, mtime TIMESTAMPTZ,
         sha256 VARCHAR, format VARCHAR, rows_read BIGINT)`,
      `CREATE TABLE tallybook.rejects (
         import_id BIGINT NOT NULL, dataset VARCHAR NOT NULL, file VARCHAR NOT NULL,
         line BIGINT, reason VARCHAR NOT NULL, raw VARCHAR)`,
      `CREATE TABLE tallybook.rollups (
         dataset VARCHAR NOT NULL, grain VARCHAR NOT NULL, bucket TIMESTAMPTZ,
         event_name VARCHAR, count BIGINT NOT NULL)`,
    ],
  },
  {
    version: 2,
    description: 'saved views, dashboards and reports travel with the workspace',
    statements: [
      `CREATE TABLE tallybook.saved (
         id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL,
         body JSON NOT NULL, updated_at TIMESTAMPTZ NOT NULL)`,
      `CREATE TABLE tallybook.settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL)`,
    ],
  },
  {
    version: 3,
    description: 'hourly cubes of events datasets (counts, active units, histograms), maintained on import',
    statements: [
      `CREATE TABLE tallybook.cube_state (dataset VARCHAR NOT NULL, version BIGINT NOT NULL, histogram_fields JSON NOT NULL)`,
      `CREATE TABLE tallybook.event_hours (
         dataset VARCHAR NOT NULL, hour TIMESTAMPTZ, event_name VARCHAR, tenant_id VARCHAR, site_id VARCHAR,
         source VARCHAR, n BIGINT NOT NULL)`,
      `CREATE TABLE tallybook.entity_hours (
         dataset VARCHAR NOT NULL, hour TIMESTAMPTZ, tenant_id VARCHAR, site_id VARCHAR, source VARCHAR,
         user_id VARCHAR, session_id VARCHAR, n BIGINT NOT NULL)`,
      `CREATE TABLE tallybook.value_hours (
         dataset VARCHAR NOT NULL, hour TIMESTAMPTZ, field VARCHAR NOT NULL, sign TINYINT NOT NULL,
         bucket INTEGER NOT NULL, n BIGINT NOT NULL)`,
    ],
  },
  {
    version: 4,
    description: 'active users per UTC day of events datasets (exact DAU without a distinct count over hours)',
    statements: [
      `CREATE TABLE tallybook.user_days (dataset VARCHAR NOT NULL, day TIMESTAMPTZ NOT NULL, user_id VARCHAR NOT NULL)`,
      // Cubes built before this table existed lack it: the next import rebuilds them all.
      `DELETE FROM tallybook.cube_state`,
    ],
  },
  {
    version: 5,
    description: "each user's previous active day in user_days (WAU/MAU by a running sum, without a sort per user)",
    statements: [
      `CREATE TABLE tallybook.user_days_v5 (dataset VARCHAR NOT NULL, day TIMESTAMPTZ NOT NULL, user_id VARCHAR NOT NULL, prev_day TIMESTAMPTZ)`,
      `INSERT INTO tallybook.user_days_v5
         SELECT dataset, day, user_id, lag(day) OVER (PARTITION BY dataset, user_id ORDER BY day) FROM tallybook.user_days`,
      `DROP TABLE tallybook.user_days`,
      `ALTER TABLE tallybook.user_days_v5 RENAME TO user_days`,
    ],
  },
];

export const CATALOG_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
